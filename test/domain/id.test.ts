import { describe, expect, it } from 'vitest';
import { ID_MAX_LENGTH, Id } from '../../src/domain/id.js';

const REFUSED: Record<string, string> = {
  empty: '',
  NUL: 'C\u0000001',
  'CR/LF': 'C001\r\nX-Injected: 1',
  ESC: '\u001b[31mC001',
  'zero-width only': '\u200b\u200c\u200d',
  'right-to-left override': 'C001\u202egnp',
  BOM: '\ufeffC001',
  'lone surrogate': 'C\ud800001',
  space: 'C 001',
  percent: 'C%41001',
  'leading space': ' C001',
  'too long': 'x'.repeat(ID_MAX_LENGTH + 1),
};

const ACCEPTED = [
  'C001',
  'CUST-001',
  'c_1.2:3',
  'Zákazník-7',
  '顧客42',
  'user@example.com',
  'x'.repeat(ID_MAX_LENGTH),
];

describe('the id grammar', () => {
  it.each(Object.entries(REFUSED))('refuses an id with %s', (_name, id) => {
    expect(Id.safeParse(id).success).toBe(false);
  });

  it.each(ACCEPTED)('accepts %s as it is, untrimmed', (id) => {
    expect(Id.parse(id)).toBe(id);
  });
});
