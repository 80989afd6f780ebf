import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DeskInvalidError,
  inspectDesk,
  openDesk,
  profileOf,
  type DeskProblem,
} from '../../src/desk/index.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'swarmdesk-check-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(file: string, text: string): string {
  const path = join(dir, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

const examples = (prefix: string, count = 10) =>
  Array.from({ length: count }, (_, i) => `        - ${prefix} number ${i + 1}`).join('\n');

/** A valid desk of its own (no extends) with one department and one intent, to break one way at a time. */
function validDesk(extra = ''): string {
  return write(
    'desk.yaml',
    `name: Acme
languages: [en, cs]
departments:
  shipping:
    description: Orders and deliveries
intents:
  where_is_my_order:
    department: shipping
    examples:
      en:
${examples('where is my parcel')}
      cs:
${examples('kde je balik')}
${extra}`,
  );
}

function errors(problems: readonly DeskProblem[]): DeskProblem[] {
  return problems.filter((problem) => problem.severity === 'error');
}

describe('swarmdesk check: a desk with problems', () => {
  it('accepts a valid desk and the shipped ones', () => {
    validDesk();
    expect(errors(inspectDesk(dir).problems)).toEqual([]);
    expect(errors(inspectDesk('demo').problems)).toEqual([]);
    expect(errors(inspectDesk(new URL('../../examples/shop', import.meta.url).pathname).problems)).toEqual(
      [],
    );
  });

  it('names the file and line of a YAML syntax error', () => {
    const file = write('desk.yaml', 'name: Acme\nlanguages: [en\ndepartments: {}\n');
    const [problem] = errors(inspectDesk(dir).problems);
    expect(problem).toMatchObject({ file });
    expect(problem?.line).toBeGreaterThanOrEqual(2);
  });

  it('names an unknown field with its line', () => {
    const file = validDesk('departmants:\n  sales:\n    description: x\n');
    expect(errors(inspectDesk(dir).problems)).toContainEqual(
      expect.objectContaining({ file, line: 32, field: 'departmants', message: 'unknown field' }),
    );
  });

  it('names an intent whose department the desk does not have', () => {
    const file = write(
      'intents/returns.yaml',
      `intents:\n  return_item:\n    department: returns\n    examples:\n      en:\n${examples('send back')}\n      cs:\n${examples('vratit')}\n`,
    );
    validDesk();
    expect(errors(inspectDesk(dir).problems)).toContainEqual(
      expect.objectContaining({
        file,
        line: 2,
        field: 'intents.return_item.department',
        message: expect.stringContaining('unknown department "returns"'),
      }),
    );
  });

  it('names an intent without examples, and one with too few in a language', () => {
    validDesk(
      `  empty_intent:\n    department: shipping\n  thin_intent:\n    department: shipping\n    examples:\n      en: [one, two]\n      cs:\n${examples('malo')}\n`,
    );
    const found = errors(inspectDesk(dir).problems);
    expect(found).toContainEqual(
      expect.objectContaining({ field: 'intents.empty_intent.examples', message: 'no examples' }),
    );
    expect(found).toContainEqual(
      expect.objectContaining({
        field: 'intents.thin_intent.examples.en',
        message: expect.stringContaining('2 example(s) in "en"'),
      }),
    );
  });

  it('warns, without refusing, when an intent has fewer examples than route well', () => {
    validDesk(
      `  few_intent:\n    department: shipping\n    examples:\n      en:\n${examples('few', 4)}\n      cs:\n${examples('malo', 4)}\n`,
    );
    const { problems } = inspectDesk(dir);
    expect(errors(problems)).toEqual([]);
    expect(problems).toContainEqual(
      expect.objectContaining({ severity: 'warning', field: 'intents.few_intent.examples.en' }),
    );
  });

  it('names an intent defined twice, with the first definition', () => {
    const first = validDesk();
    const second = write(
      'intents/more.yaml',
      `intents:\n  where_is_my_order:\n    department: shipping\n    examples:\n      en: [a, b, c]\n`,
    );
    expect(errors(inspectDesk(dir).problems)).toContainEqual(
      expect.objectContaining({
        file: second,
        line: 2,
        message: expect.stringContaining(`already defined in ${first}:7`),
      }),
    );
  });

  it('names an example given to two intents', () => {
    validDesk(
      `  track_order:\n    department: shipping\n    examples:\n      en:\n${examples('where is my parcel')}\n      cs:\n${examples('sledovani')}\n`,
    );
    expect(errors(inspectDesk(dir).problems)).toContainEqual(
      expect.objectContaining({
        field: 'intents.track_order.examples.en',
        message: expect.stringContaining('also an example of "where_is_my_order"'),
      }),
    );
  });

  it('names a default department the desk does not have', () => {
    const file = validDesk('default_department: returns\n');
    expect(errors(inspectDesk(dir).problems)).toContainEqual(
      expect.objectContaining({
        file,
        line: 32,
        field: 'default_department',
        message: expect.stringContaining('"returns" is not one of the desk\'s departments'),
      }),
    );
  });

  it('refuses a department named escalation, the human handoff every desk has', () => {
    write(
      'desk.yaml',
      `name: Acme\nlanguages: [en]\ndepartments:\n  escalation:\n    description: people\n  shipping:\n    description: x\nintents:\n  where_is_my_order:\n    department: shipping\n    examples:\n      en:\n${examples('where')}\n`,
    );
    expect(errors(inspectDesk(dir).problems)).toContainEqual(
      expect.objectContaining({ field: 'departments.escalation', line: 4 }),
    );
  });

  it('names a bad article: its front matter line, an unknown department or intent', () => {
    validDesk();
    const broken = write(
      'knowledge/en/broken.md',
      '---\ntitle: Broken\ndepartment: shipping\nintents: [a, b\n---\nBody',
    );
    const errorsOfBroken = errors(inspectDesk(dir).problems);
    expect(errorsOfBroken).toContainEqual(expect.objectContaining({ file: broken, line: 4 }));
    rmSync(broken);
    write(
      'knowledge/en/parcel.md',
      '---\ntitle: Parcels\ndepartment: returns\nintents: [lost_parcel]\n---\nBody',
    );
    const found = errors(inspectDesk(dir).problems);
    expect(found).toContainEqual(
      expect.objectContaining({ field: 'department', message: 'unknown department "returns"' }),
    );
    expect(found).toContainEqual(
      expect.objectContaining({ field: 'intents', message: 'unknown intent "lost_parcel"' }),
    );
  });

  it('names a behaviour module that is not there, and a consult of a fact nobody provides', () => {
    validDesk(
      `  api_limits:\n    department: shipping\n    consult: { department: shipping, fact: plan }\n    examples:\n      en:\n${examples('api limit')}\n      cs:\n${examples('limit api')}\n`,
    );
    write(
      'desk.yaml',
      `name: Acme\nlanguages: [en, cs]\ndepartments:\n  shipping:\n    description: x\n    behaviour: ./agents/missing.js\nintents:\n  where_is_my_order:\n    department: shipping\n    examples:\n      en:\n${examples('where')}\n      cs:\n${examples('kde')}\n  api_limits:\n    department: shipping\n    consult: { department: shipping, fact: plan }\n    examples:\n      en:\n${examples('api limit')}\n      cs:\n${examples('limit api')}\n`,
    );
    const found = errors(inspectDesk(dir).problems);
    expect(found).toContainEqual(
      expect.objectContaining({
        field: 'departments.shipping.behaviour',
        message: expect.stringContaining('no file'),
      }),
    );
    expect(found).toContainEqual(
      expect.objectContaining({
        field: 'intents.api_limits.consult',
        message: 'department "shipping" does not provide "plan"',
      }),
    );
  });

  it('names an extends that is not a desk, and a desk without languages', () => {
    const file = write('desk.yaml', 'name: Acme\nextends: ../nowhere\n');
    expect(errors(inspectDesk(dir).problems)).toContainEqual(
      expect.objectContaining({ file, line: 2, message: expect.stringContaining('is not a desk') }),
    );
    write('desk.yaml', 'name: Acme\ndepartments:\n  shipping:\n    description: x\n');
    expect(errors(inspectDesk(dir).problems)).toContainEqual(expect.objectContaining({ field: 'languages' }));
  });

  it('names a customers file that does not validate', () => {
    validDesk();
    const file = write('customers.json', '[{"customerId": "C1"}]');
    expect(errors(inspectDesk(dir).problems)).toContainEqual(expect.objectContaining({ file }));
  });

  it('refuses to open a desk with errors, listing every one', () => {
    validDesk('oops: 1\n');
    expect(() => openDesk(dir)).toThrow(DeskInvalidError);
    expect(() => openDesk(dir)).toThrow(/unknown field/);
  });
});

describe('a desk that extends another', () => {
  it("keeps its base's default department unless it names its own", () => {
    write('desk.yaml', 'name: Acme\nextends: demo\n');
    expect(profileOf(openDesk(dir).desk).defaultDepartment).toBe('general');
    write('desk.yaml', 'name: Acme\nextends: demo\ndefault_department: billing\n');
    expect(profileOf(openDesk(dir).desk).defaultDepartment).toBe('billing');
  });

  it("adds its own departments, intents and articles to the demo's, its own winning on the same name", () => {
    write(
      'desk.yaml',
      `name: Acme\nextends: demo\ndepartments:\n  general:\n    title: Anything else\n    description: Everything that is not technical or billing\nintents:\n  opening_hours:\n    department: general\n    priority: medium\n    examples:\n      en:\n${examples('when are you open')}\n      cs:\n${examples('kdy mate otevreno')}\n`,
    );
    write(
      'knowledge/en/contact-hours.md',
      '---\ntitle: Our hours\ndepartment: general\nintents: [opening_hours]\n---\nAlways open.',
    );
    const { desk, warnings } = openDesk(dir);
    expect(warnings.filter((warning) => warning.severity === 'error')).toEqual([]);
    expect(desk.languages).toEqual(['cs', 'en']);
    expect(Object.keys(desk.departments).sort()).toEqual(['billing', 'general', 'technical']);
    expect(desk.departments['general']?.value.title).toBe('Anything else');
    expect(desk.intents['opening_hours']?.value.examples?.en).toHaveLength(10);
    expect(desk.intents['double_charge']?.value.department).toBe('billing');
    expect(desk.knowledgeDirs.at(-1)).toBe(join(dir, 'knowledge'));
  });
});
