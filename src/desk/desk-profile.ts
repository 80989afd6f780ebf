import type { DeskProfile, LocalizedText, ToolProfile } from '../domain/desk-profile.js';
import type { Language } from '../domain/vocabulary.js';
import type { z } from 'zod';
import type { Localized } from './desk-file.js';
import { deskTexts } from './desk-texts.js';
import type { DeskDefinition } from './load-desk.js';

function localize(
  text: z.infer<typeof Localized> | undefined,
  languages: readonly Language[],
): LocalizedText {
  if (text === undefined) return {};
  if (typeof text !== 'string') return text;
  return Object.fromEntries(languages.map((language) => [language, text]));
}

/**
 * The part of a desk the agents need, small enough to replicate to every thread; `toolsFor` gives a
 * department's actions as function tools (the action engine's view of them).
 */
export function profileOf(
  desk: DeskDefinition,
  toolsFor: (department: string) => ToolProfile[] = () => [],
): DeskProfile {
  return {
    name: desk.name,
    languages: desk.languages,
    ...(desk.defaultDepartment === undefined ? {} : { defaultDepartment: desk.defaultDepartment.value }),
    departments: Object.fromEntries(
      Object.entries(desk.departments).map(([name, { value }]) => {
        const tools = toolsFor(name);
        return [
          name,
          {
            title: value.title === undefined ? {} : localize(value.title, desk.languages),
            description: value.description,
            ...(value.instructions === undefined ? {} : { instructions: value.instructions }),
            provides: value.provides ?? [],
            ...(tools.length === 0 ? {} : { tools }),
          },
        ];
      }),
    ),
    intents: Object.fromEntries(
      Object.entries(desk.intents).map(([name, { value }]) => [
        name,
        {
          department: value.department,
          description: localize(value.description, desk.languages),
          ...(value.priority === undefined ? {} : { priority: value.priority }),
          ...(value.consult === undefined ? {} : { consult: value.consult }),
          ...(value.escalate === undefined ? {} : { escalate: value.escalate }),
          ...(value.clarify === true ? { clarify: true } : {}),
          ...(value.action === undefined
            ? {}
            : {
                action: {
                  action: value.action,
                  slots: value.slots ?? {},
                  answer: Object.fromEntries(
                    Object.entries(value.answer ?? {}).filter(
                      (pair): pair is [string, string] => pair[1] !== undefined,
                    ),
                  ),
                },
              }),
        },
      ]),
    ),
    texts: deskTexts(desk.texts.map((texts) => texts.value)),
  };
}
