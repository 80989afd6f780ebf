import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { readCustomersFile } from '../crm/index.js';
import { ESCALATION } from '../domain/vocabulary.js';
import { KnowledgeInvalidError, readArticles } from '../knowledge/index.js';
import type { DeskProblem } from './desk-problem.js';
import type { DeskDefinition, Located } from './load-desk.js';

/** Below this an intent cannot be learned: an error. */
const MIN_EXAMPLES = 3;
/** Below this it is learned poorly: a warning. */
const ADVISED_EXAMPLES = 10;

function at<T>(entry: Located<T>, field: string): Pick<DeskProblem, 'file' | 'line' | 'field'> {
  return { file: entry.file, ...(entry.line === undefined ? {} : { line: entry.line }), field };
}

/**
 * What makes a desk that parses still wrong: names that point nowhere, intents the model cannot
 * learn, articles and customers that do not load. Every problem is returned, none thrown.
 */
export function checkDesk(desk: DeskDefinition): DeskProblem[] {
  const problems: DeskProblem[] = [];
  const departments = new Set(Object.keys(desk.departments));
  const known = (department: string) => department === ESCALATION || departments.has(department);

  const escalation = desk.departments[ESCALATION];
  if (escalation) {
    problems.push({
      severity: 'error',
      ...at(escalation, `departments.${ESCALATION}`),
      message: `"${ESCALATION}" is the human handoff every desk has; it cannot be defined`,
    });
  }
  if (departments.size === 0) {
    problems.push({
      severity: 'error',
      file: `${desk.dir}/desk.yaml`,
      field: 'departments',
      message: 'a desk needs at least one department',
    });
  }
  const home = desk.defaultDepartment;
  if (home && !departments.has(home.value)) {
    problems.push({
      severity: 'error',
      ...at(home, 'default_department'),
      message: `"${home.value}" is not one of the desk's departments (${[...departments].join(', ')})`,
    });
  }
  for (const [name, entry] of Object.entries(desk.departments)) {
    const behaviour = entry.value.behaviour;
    if (behaviour !== undefined && !existsSync(resolve(entry.deskDir, behaviour))) {
      problems.push({
        severity: 'error',
        ...at(entry, `departments.${name}.behaviour`),
        message: `no file ${resolve(entry.deskDir, behaviour)}`,
      });
    }
  }

  for (const { value, file } of desk.texts) {
    for (const [intent, rule] of Object.entries(value.person_required ?? {})) {
      const field = `person_required.${intent}`;
      if (!(intent in desk.intents))
        problems.push({ severity: 'warning', file, field, message: `no intent "${intent}" in the desk` });
      if (!known(rule.queue)) {
        problems.push({
          severity: 'error',
          file,
          field: `${field}.queue`,
          message: `unknown department "${rule.queue}" (the desk has: ${[...departments, ESCALATION].join(', ')})`,
        });
      }
    }
  }

  const served = new Set<string>();
  const owners = new Map<string, string>();
  for (const [name, entry] of Object.entries(desk.intents)) {
    const intent = entry.value;
    served.add(intent.department);
    if (!known(intent.department)) {
      problems.push({
        severity: 'error',
        ...at(entry, `intents.${name}.department`),
        message: `unknown department "${intent.department}" (the desk has: ${[...departments, ESCALATION].join(', ')})`,
      });
    }
    if (intent.consult) {
      const provider = desk.departments[intent.consult.department];
      if (!provider || !(provider.value.provides ?? []).includes(intent.consult.fact)) {
        problems.push({
          severity: 'error',
          ...at(entry, `intents.${name}.consult`),
          message: `department "${intent.consult.department}" does not provide "${intent.consult.fact}"`,
        });
      }
    }
    const examples = intent.examples ?? {};
    const total = Object.values(examples).reduce((sum, list) => sum + (list?.length ?? 0), 0);
    if (total === 0) {
      problems.push({ severity: 'error', ...at(entry, `intents.${name}.examples`), message: 'no examples' });
      continue;
    }
    for (const language of desk.languages) {
      const count = examples[language]?.length ?? 0;
      if (count < ADVISED_EXAMPLES) {
        problems.push({
          severity: count < MIN_EXAMPLES ? 'error' : 'warning',
          ...at(entry, `intents.${name}.examples.${language}`),
          message: `${count} example(s) in "${language}"; at least ${MIN_EXAMPLES} are needed and ${ADVISED_EXAMPLES} or more route well`,
        });
      }
    }
    for (const [language, list] of Object.entries(examples)) {
      for (const text of list ?? []) {
        const key = `${language}\n${text.toLowerCase()}`;
        const owner = owners.get(key);
        if (owner !== undefined && owner !== name) {
          problems.push({
            severity: 'error',
            ...at(entry, `intents.${name}.examples.${language}`),
            message: `"${text}" is also an example of "${owner}": the model cannot tell them apart`,
          });
        }
        owners.set(key, name);
      }
    }
  }
  for (const [name, entry] of Object.entries(desk.departments)) {
    if (!served.has(name)) {
      problems.push({
        severity: 'warning',
        ...at(entry, `departments.${name}`),
        message: 'no intent routes to this department',
      });
    }
  }

  checkKnowledge(desk, known, problems);
  for (const file of desk.customersFiles) {
    try {
      readCustomersFile(file);
    } catch (error) {
      problems.push({ severity: 'error', file, message: (error as Error).message.replace(`${file}: `, '') });
    }
  }
  problems.push(...checkActions(desk, known));
  return problems;
}

function checkKnowledge(
  desk: DeskDefinition,
  known: (department: string) => boolean,
  problems: DeskProblem[],
): void {
  for (const dir of desk.knowledgeDirs) {
    let articles;
    try {
      articles = readArticles([dir]);
    } catch (error) {
      if (!(error instanceof KnowledgeInvalidError)) throw error;
      const file = String(error.details?.['file'] ?? dir);
      const line = Number(error.details?.['line'] ?? 1);
      problems.push({
        severity: 'error',
        file,
        line,
        message: error.message.replace(`${file}:${line}: `, ''),
      });
      continue;
    }
    for (const article of articles) {
      const file = `${dir}/${article.language}/${article.id}.md`;
      if (!known(article.department)) {
        problems.push({
          severity: 'error',
          file,
          field: 'department',
          message: `unknown department "${article.department}"`,
        });
      }
      for (const intent of article.intents ?? []) {
        if (!desk.intents[intent]) {
          problems.push({ severity: 'error', file, field: 'intents', message: `unknown intent "${intent}"` });
        }
      }
      if (!desk.languages.includes(article.language)) {
        problems.push({
          severity: 'warning',
          file,
          message: `the desk does not answer in "${article.language}" (languages: ${desk.languages.join(', ')})`,
        });
      }
    }
  }
}

/** Actions and the intents bound to them: names that point somewhere, departments that exist. */
function checkActions(desk: DeskDefinition, known: (department: string) => boolean): DeskProblem[] {
  const problems: DeskProblem[] = [];
  for (const [name, entry] of Object.entries(desk.actions)) {
    for (const department of entry.value.departments.filter((d) => !known(d)))
      problems.push({
        severity: 'error',
        ...at(entry, `actions.${name}.departments`),
        message: `action "${name}" names department "${department}", which the desk does not have`,
      });
  }
  for (const [name, entry] of Object.entries(desk.intents)) {
    const { action, answer, department } = entry.value;
    if (action === undefined) continue;
    const spec = desk.actions[action]?.value;
    if (!spec) {
      problems.push({
        severity: 'error',
        ...at(entry, `intents.${name}.action`),
        message: `intent "${name}" is bound to action "${action}", which is not under actions:`,
      });
      continue;
    }
    if (!spec.departments.includes(department))
      problems.push({
        severity: 'error',
        ...at(entry, `intents.${name}.action`),
        message: `action "${action}" is not one of department "${department}"'s (its departments: ${spec.departments.join(', ')})`,
      });
    if (answer === undefined || Object.keys(answer).length === 0)
      problems.push({
        severity: 'error',
        ...at(entry, `intents.${name}.answer`),
        message: `intent "${name}" is bound to an action but has no answer template`,
      });
  }
  return problems;
}
