import { describe, expect, it } from 'vitest';
import { answeringStep } from '../../src/knowledge/index.js';

const catalog = {
  language: 'en' as const,
  title: 'Plans',
  body: [
    'Our plans:',
    '',
    '1. **Basic**: one user, 5 GB.',
    '2. **Premium**: up to 10 users, the API.',
    '3. **Business**: unlimited users, single sign-on.',
    '4. **Trial**: 14 days of Premium, no card needed.',
    '',
    'Prices are per user.',
  ].join('\n'),
};

describe('answeringStep', () => {
  it('takes the item out of its list and numbers the items after it one lower', () => {
    expect(answeringStep(catalog, 'Does single sign-on come with it?')).toEqual({
      step: '**Business**: unlimited users, single sign-on.',
      body: [
        'Our plans:',
        '',
        '1. **Basic**: one user, 5 GB.',
        '2. **Premium**: up to 10 users, the API.',
        '3. **Trial**: 14 days of Premium, no card needed.',
        '',
        'Prices are per user.',
      ].join('\n'),
    });
  });

  it('leaves the article whole when the words are spread over items, or some other item holds one', () => {
    // "users" is in three items, "card" and "days" in one: the question is not about one item alone.
    expect(answeringStep(catalog, 'How many users, and is a card needed for the days?')).toBeUndefined();
    expect(answeringStep(catalog, 'What about users?')).toBeUndefined();
  });

  it('folds and stems Czech words as the search does', () => {
    const czech = {
      language: 'cs' as const,
      title: 'Funkce',
      body: '1. **Projekty**: zakládání projektů.\n2. **Tmavý režim**: Nastavení → Vzhled → Motiv.',
    };
    expect(answeringStep(czech, 'mate tmavy rezim?')?.step).toBe(
      '**Tmavý režim**: Nastavení → Vzhled → Motiv.',
    );
  });
});
