import { existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ActionSpec } from '../actions/index.js';
import { Department, type Language } from '../domain/vocabulary.js';
import {
  DepartmentEntry,
  DeskFile,
  IntentEntry,
  IntentName,
  IntentsFile,
  WebhookEntry,
  TextsFile,
  type OutOfScopeEntry,
} from './desk-file.js';
import type { DeskProblem } from './desk-problem.js';
import { lineField, readYamlSource, validate, type YamlSource } from './yaml-source.js';

// src/desk (tsx) and dist/desk (compiled) sit at the same depth under the package root.
export const DEMO_DESK_DIR = fileURLToPath(new URL('../../desks/demo', import.meta.url));

/** Where an entry was written, so later checks can point at it. */
export interface Located<T> {
  value: T;
  file: string;
  line?: number;
  /** The folder of the desk that wrote it (a behaviour module is relative to it). */
  deskDir: string;
}

interface ExampleText {
  text: string;
  language: Language;
  file: string;
}

/** A desk folder read with the desks it extends merged in: its own entries win on the same name. */
export interface DeskDefinition {
  name: string;
  dir: string;
  /** The folders it is made of, the furthest base first. */
  chain: string[];
  languages: Language[];
  departments: Record<string, Located<DepartmentEntry>>;
  /** Its own `default_department`, else its base's. */
  defaultDepartment: Located<string> | undefined;
  intents: Record<string, Located<IntentEntry>>;
  /** Its own actions over its base's: the same name replaces. */
  actions: Record<string, Located<ActionSpec>>;
  /** Its base's receivers and its own. */
  webhooks: Located<WebhookEntry>[];
  outOfScope: ExampleText[];
  knowledgeDirs: string[];
  customersFiles: string[];
  /** `texts.yaml` of each desk of the chain, the furthest base first. */
  texts: Array<{ value: TextsFile; file: string }>;
}

export interface LoadedDesk {
  desk: DeskDefinition | undefined;
  problems: DeskProblem[];
}

/** `demo` names the shipped desk; anything else is a folder. */
function resolveDeskDir(reference: string, from: string = process.cwd()): string {
  if (reference === 'demo') return DEMO_DESK_DIR;
  return isAbsolute(reference) ? reference : resolve(from, reference);
}

export function loadDesk(dir: string): LoadedDesk {
  const problems: DeskProblem[] = [];
  const desk = loadChain(resolveDeskDir(dir), [], problems);
  return { desk, problems };
}

const DeskTop = z.looseObject({
  name: DeskFile.shape.name,
  extends: DeskFile.shape.extends,
  languages: DeskFile.shape.languages,
  default_department: DeskFile.shape.default_department,
});

function loadChain(dir: string, visiting: string[], problems: DeskProblem[]): DeskDefinition | undefined {
  const file = join(dir, 'desk.yaml');
  if (visiting.includes(dir)) {
    problems.push({
      severity: 'error',
      file,
      field: 'extends',
      message: `extends itself through ${[...visiting, dir].join(' -> ')}`,
    });
    return undefined;
  }
  if (!existsSync(file)) {
    problems.push({ severity: 'error', file, message: 'no desk.yaml: a desk is a folder with a desk.yaml' });
    return undefined;
  }
  const source = readYamlSource(file, problems);
  if (!source) return undefined;
  if (typeof source.data !== 'object' || source.data === null || Array.isArray(source.data)) {
    problems.push({
      severity: 'error',
      file,
      message: 'expected a mapping of fields (name, languages, ...)',
    });
    return undefined;
  }
  // Every issue is reported; the entries that are valid are still merged, so one bad intent does not
  // hide the problems of the rest.
  validate(DeskFile, source, source.data, [], problems);
  const top = DeskTop.safeParse(source.data);
  const data = source.data as Record<string, unknown>;

  let base: DeskDefinition | undefined;
  const extendsRef = top.success ? top.data.extends : undefined;
  if (extendsRef !== undefined) {
    const baseDir = resolveDeskDir(extendsRef, dir);
    base = loadChain(baseDir, [...visiting, dir], problems);
    if (!base && !existsSync(join(baseDir, 'desk.yaml'))) {
      problems.push({
        severity: 'error',
        file,
        ...lineField(source, ['extends']),
        message: `extends "${extendsRef}", which is not a desk (no ${join(baseDir, 'desk.yaml')})`,
      });
    }
  }

  const departments: Record<string, Located<DepartmentEntry>> = { ...base?.departments };
  for (const [name, value] of entries(data['departments'])) {
    const path = ['departments', name];
    if (!Department.safeParse(name).success || !DepartmentEntry.safeParse(value).success) continue;
    departments[name] = located(source, path, DepartmentEntry.parse(value), dir);
  }

  const ownDefault = top.success ? top.data.default_department : undefined;
  const defaultDepartment =
    ownDefault === undefined
      ? base?.defaultDepartment
      : located(source, ['default_department'], ownDefault, dir);

  const actions: Record<string, Located<ActionSpec>> = { ...base?.actions };
  for (const [name, value] of entries(data['actions'])) {
    const parsed = ActionSpec.safeParse(value);
    if (parsed.success) actions[name] = located(source, ['actions', name], parsed.data, dir);
  }
  const webhooks: Located<WebhookEntry>[] = [...(base?.webhooks ?? [])];
  const hooks = Array.isArray(data['webhooks']) ? (data['webhooks'] as unknown[]) : [];
  hooks.forEach((value, i) => {
    const parsed = WebhookEntry.safeParse(value);
    if (parsed.success) webhooks.push(located(source, ['webhooks', i], parsed.data, dir));
  });

  const own: Record<string, Located<IntentEntry>> = {};
  const outOfScope: ExampleText[] = [...(base?.outOfScope ?? [])];
  collectIntents(source, data, dir, own, outOfScope, problems);
  const intentsDir = join(dir, 'intents');
  if (existsSync(intentsDir) && statSync(intentsDir).isDirectory()) {
    for (const name of readdirSync(intentsDir)
      .filter((entry) => /\.ya?ml$/.test(entry))
      .sort()) {
      const intentsFile = join(intentsDir, name);
      const intentsSource = readYamlSource(intentsFile, problems);
      if (!intentsSource) continue;
      if (!isRecord(intentsSource.data)) {
        if (intentsSource.data !== null)
          problems.push({
            severity: 'error',
            file: intentsFile,
            message: 'expected a mapping with "intents"',
          });
        continue;
      }
      validate(IntentsFile, intentsSource, intentsSource.data, [], problems);
      collectIntents(intentsSource, intentsSource.data, dir, own, outOfScope, problems);
    }
  }

  const texts = [...(base?.texts ?? [])];
  const textsFile = join(dir, 'texts.yaml');
  if (existsSync(textsFile)) {
    const textsSource = readYamlSource(textsFile, problems);
    if (textsSource) {
      const parsed = validate(TextsFile, textsSource, textsSource.data ?? {}, [], problems);
      if (parsed) texts.push({ value: parsed, file: textsFile });
    }
  }

  const knowledgeDir = join(dir, 'knowledge');
  const customersFile = join(dir, 'customers.json');
  const languages = (top.success ? top.data.languages : undefined) ?? base?.languages;
  if (languages === undefined && top.success) {
    problems.push({
      severity: 'error',
      file,
      field: 'languages',
      message: 'a desk that extends no other lists its languages (for example [cs, en])',
    });
  }
  return {
    name: top.success ? top.data.name : (base?.name ?? dir),
    dir,
    chain: [...(base?.chain ?? []), dir],
    languages: languages ?? ['en'],
    departments,
    defaultDepartment,
    intents: { ...base?.intents, ...own },
    actions,
    webhooks,
    outOfScope,
    knowledgeDirs: [...(base?.knowledgeDirs ?? []), ...(existsSync(knowledgeDir) ? [knowledgeDir] : [])],
    customersFiles: [...(base?.customersFiles ?? []), ...(existsSync(customersFile) ? [customersFile] : [])],
    texts,
  };
}

function collectIntents(
  source: YamlSource,
  data: Record<string, unknown>,
  dir: string,
  into: Record<string, Located<IntentEntry>>,
  outOfScope: ExampleText[],
  problems: DeskProblem[],
): void {
  for (const [name, value] of entries(data['intents'])) {
    const path = ['intents', name];
    const nameOk = IntentName.safeParse(name);
    if (!nameOk.success) {
      problems.push({
        severity: 'error',
        file: source.file,
        ...lineField(source, path),
        message: nameOk.error.issues[0]?.message ?? 'invalid intent name',
      });
      continue;
    }
    const parsed = IntentEntry.safeParse(value);
    if (!parsed.success) continue;
    const first = into[name];
    if (first) {
      problems.push({
        severity: 'error',
        file: source.file,
        ...lineField(source, path),
        message: `intent "${name}" is already defined in ${first.file}${first.line ? `:${first.line}` : ''}`,
      });
      continue;
    }
    into[name] = located(source, path, parsed.data, dir);
  }
  const oos = data['out_of_scope'];
  if (isRecord(oos) && isRecord(oos['examples'])) {
    const examples = oos['examples'] as z.infer<typeof OutOfScopeEntry>['examples'];
    for (const [language, texts] of Object.entries(examples)) {
      if (!Array.isArray(texts) || (language !== 'cs' && language !== 'en')) continue;
      for (const text of texts)
        if (typeof text === 'string' && text.trim() !== '')
          outOfScope.push({ text: text.trim(), language, file: source.file });
    }
  }
}

function located<T>(source: YamlSource, path: readonly PropertyKey[], value: T, dir: string): Located<T> {
  const line = source.lineOf(path);
  return { value, file: source.file, ...(line === undefined ? {} : { line }), deskDir: dir };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function entries(value: unknown): Array<[string, unknown]> {
  return isRecord(value) ? Object.entries(value) : [];
}
