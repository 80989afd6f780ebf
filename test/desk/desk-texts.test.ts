import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDesk, loadDesk, profileOf } from '../../src/desk/index.js';
import { startDesk } from './support/desk-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'swarmdesk-texts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function deskWithTexts(name: string, texts: string): string {
  const folder = mkdtempSync(join(dir, `${name}-`));
  writeFileSync(join(folder, 'desk.yaml'), `name: ${name}\nextends: demo\n`);
  writeFileSync(join(folder, 'texts.yaml'), texts);
  return folder;
}

describe('a desk’s own texts', () => {
  it('overrides the small talk phrases and replies field by field, keeping the demo’s others', async () => {
    const folder = deskWithTexts(
      'shop',
      [
        'en:',
        '  small_talk:',
        '    thanks: [cheers mate, thanks]',
        '  replies:',
        '    thanks: No worries, happy shopping!',
        '  scope: orders, deliveries and returns',
      ].join('\n'),
    );
    const desk = await startDesk({ desk: folder });
    try {
      const thanks = await desk.submit({ customerId: 'walk-in', message: 'cheers mate' });
      expect(thanks).toMatchObject({ intent: 'small_talk', response: 'No worries, happy shopping!' });
      const weather = await desk.submit({ customerId: 'walk-in', message: "What's the weather in Prague?" });
      expect(weather.response).toContain('orders, deliveries and returns');
      const czech = await desk.submit({ customerId: 'walk-in', message: 'Děkuji, na shledanou' });
      expect(czech.response).toContain('Na shledanou');
    } finally {
      await desk.close();
    }
  });

  it('names the file, line and field of a mistake in texts.yaml', () => {
    const folder = deskWithTexts('broken', ['en:', '  replies:', '    thanx: Hi'].join('\n'));
    const { problems } = loadDesk(folder);
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: join(folder, 'texts.yaml'),
        line: 3,
        field: 'en.replies.thanx',
        message: 'unknown field',
      }),
    );
  });

  it('checks that a person-required rule names a known intent and queue', () => {
    const folder = deskWithTexts(
      'rules',
      ['person_required:', '  no_such_intent:', '    queue: nowhere'].join('\n'),
    );
    const { desk } = loadDesk(folder);
    if (!desk) throw new Error('expected a desk');
    const problems = checkDesk(desk);
    expect(problems).toContainEqual(
      expect.objectContaining({ severity: 'warning', field: 'person_required.no_such_intent' }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ severity: 'error', field: 'person_required.no_such_intent.queue' }),
    );
  });

  it('inherits the demo’s texts through extends', () => {
    const folder = deskWithTexts('plain', 'cs:\n  scope: objednávky\n');
    const { desk } = loadDesk(folder);
    if (!desk) throw new Error('expected a desk');
    const texts = profileOf(desk).texts;
    expect(texts?.cs.scope).toBe('objednávky');
    expect(texts?.en.topics['password_reset']).toBe('resetting your password');
    expect(texts?.personRequired['data_protection']?.queue).toBe('general');
  });
});
