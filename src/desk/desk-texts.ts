import { BUILT_IN_TEXTS } from '../actors/index.js';
import type { DeskTexts, LanguageTexts } from '../domain/desk-texts.js';
import type { LanguageTextsEntry, TextsFile } from './desk-file.js';

function overLanguage(base: LanguageTexts, entry: LanguageTextsEntry | undefined): LanguageTexts {
  if (!entry) return base;
  const scope = entry.scope ?? base.scope;
  return {
    smallTalk: { ...base.smallTalk, ...entry.small_talk },
    replies: { ...base.replies, ...entry.replies },
    ...(scope === undefined ? {} : { scope }),
    topics: { ...base.topics, ...entry.topics },
  };
}

/** The engine's texts with each `texts.yaml` of the desk's chain laid over them, field by field. */
export function deskTexts(files: readonly TextsFile[]): DeskTexts {
  return files.reduce<DeskTexts>(
    (texts, file) => ({
      cs: overLanguage(texts.cs, file.cs),
      en: overLanguage(texts.en, file.en),
      personRequired: { ...texts.personRequired, ...file.person_required },
    }),
    BUILT_IN_TEXTS,
  );
}
