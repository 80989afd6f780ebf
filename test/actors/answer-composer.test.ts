import { describe, expect, it } from 'vitest';
import { composeAnswer, composeHandover, mergeAnswers } from '../../src/actors/answer-composer.js';
import type { Customer } from '../../src/domain/customer.js';
import type { Article } from '../../src/knowledge/index.js';
import { departmentTitle } from '../../src/actors/desk-knowledge.js';
import { demoProfile } from '../support/demo-desk.js';

const desk = demoProfile();

const NOW = Date.parse('2026-11-25T12:00:00.000Z');
const article: Article = {
  id: 'login-troubleshooting',
  department: 'technical',
  language: 'cs',
  title: 'Aplikace zamrzá při přihlášení',
  body: '1. Aktualizujte aplikaci.\n2. Zkontrolujte datum a čas v zařízení.',
  tags: [],
};
const jan: Customer = {
  schemaVersion: 1,
  customerId: 'CUST001',
  name: 'Jan Novák',
  email: 'jan@example.com',
  phone: '+420 600 000 000',
  subscriptionType: 'Premium',
  lastContact: '2026-11-03T10:00:00.000Z',
  issuesHistory: [{ at: '2026-10-14T10:00:00.000Z', summary: 'login', intent: 'login_problem' }],
};

describe('answer composer', () => {
  it('builds a Czech answer from the article and the customer’s name, plan and recent issue', () => {
    const { text } = composeAnswer({
      language: 'cs',
      article,
      question: 'Aplikace se mi zasekává při přihlášení',
      customer: jan,
      intent: 'login_problem',
      retry: 'no',
      now: NOW,
    });
    expect(text).toContain('Dobrý den, pane Nováku,');
    expect(text).toContain('Aktualizujte aplikaci.');
    expect(text).toContain('Vidím, že jsme podobný problém řešili už 14. 10. 2026.');
    expect(text).toContain('tarifem Premium');
    expect(text).toContain('Pokud to nepomůže');
  });

  it('answers an unknown customer without a profile', () => {
    const { text } = composeAnswer({
      language: 'en',
      article: { ...article, language: 'en', title: 'Login', body: 'Update the app.' },
      question: 'I cannot log in',
      customer: null,
      intent: 'login_problem',
      retry: 'no',
      now: NOW,
    });
    expect(text.startsWith('Hello,\n\nHere is what helps with this (Login):')).toBe(true);
    expect(text).not.toContain('Premium');
  });

  it('says so when retrying after an answer that did not help', () => {
    const { text } = composeAnswer({
      language: 'cs',
      article,
      question: 'pořád to nejde',
      customer: null,
      intent: 'login_problem',
      retry: 'other',
      now: NOW,
    });
    expect(text).toContain('Je mi líto, že předchozí rada nepomohla');
  });

  it('says first the item of a longer article that the question is about, in either language', () => {
    const overview: Article = {
      id: 'feature-overview',
      department: 'general',
      language: 'en',
      title: 'What the app can do',
      body: [
        'A quick guide:',
        '',
        '1. **Projects**: create a project with the + button.',
        '2. **Search**: press Ctrl+K to search across all projects.',
        '3. **Dark mode**: Settings → Appearance → Theme: Light or Dark.',
      ].join('\n'),
      tags: [],
    };
    const answer = (question: string, retry: 'no' | 'other' = 'no') =>
      composeAnswer({
        language: 'en',
        article: overview,
        question,
        customer: null,
        intent: 'x',
        retry,
        now: NOW,
      }).text;
    expect(answer('Is there a dark mode?')).toContain(
      'In short: **Dark mode**: Settings → Appearance → Theme: Light or Dark.\n\nHere is what helps',
    );
    // Said once: the item leaves the list it came from.
    expect(answer('Is there a dark mode?').match(/Dark mode/g)).toHaveLength(1);
    expect(answer('Can I switch to a dark theme?')).toContain('In short: **Dark mode**');
    const czech = {
      ...overview,
      language: 'cs' as const,
      body: '1. Projekty.\n2. **Tmavý režim**: Nastavení → Vzhled.',
    };
    const cs = composeAnswer({
      language: 'cs',
      article: czech,
      question: 'Dá se zapnout tmavý režim?',
      customer: null,
      intent: 'x',
      retry: 'no',
      now: NOW,
    }).text;
    expect(cs).toContain('Ve zkratce: **Tmavý režim**: Nastavení → Vzhled.\n\nK vašemu dotazu');
    // One word of the question in an item is not enough; nor is the first item, read first anyway; nor
    // an answer to "that did not help", which starts with saying so; nor a step of a procedure, which
    // means little without the steps before it.
    const procedure = {
      ...overview,
      title: 'Language',
      body: '1. Open Settings → Profile → Language.\n2. Choose English or Czech. It switches at once.',
    };
    expect(
      composeAnswer({
        language: 'en',
        article: procedure,
        question: 'How do I switch to English at once?',
        customer: null,
        intent: 'x',
        retry: 'no',
        now: NOW,
      }).text,
    ).not.toContain('In short');
    expect(answer('Is search fast?')).not.toContain('In short');
    expect(answer('How do I create projects with the + button?')).not.toContain('In short');
    expect(answer('Is there a dark mode?', 'other')).not.toContain('In short');
  });

  it('tells the customer honestly about the ticket and when a person answers', () => {
    const { text } = composeHandover({
      language: 'cs',
      customer: jan,
      reasons: ['human_requested'],
      ticket: { ticketId: 'T-1', priority: 'high', dueBy: '2026-11-25T14:00:00.000Z' },
      noArticle: true,
    });
    expect(text).toContain('nemám spolehlivou odpověď a nechci hádat');
    expect(text).toContain('Rozumím, že chcete mluvit s člověkem.');
    expect(text).toContain('tiket T-1, priorita vysoká');
    expect(text).toContain('nejpozději 25. 11. 2026 v 14:00 UTC');
  });

  it('says a person is required by the rules only when nothing the customer said explains the handover', () => {
    const handover = (reasons: Parameters<typeof composeHandover>[0]['reasons']) =>
      composeHandover({ language: 'en', customer: null, reasons, ticket: null, noArticle: false }).text;
    const rules = 'has to be handled by a person, by law or by our rules';
    expect(handover(['person_required'])).toContain(rules);
    const angry = handover(['anger', 'person_required']);
    expect(angry).toContain('I am sorry for the trouble this has caused you.');
    expect(angry).not.toContain(rules);
  });

  it('merges several parts into one reply with one greeting and a section per department', () => {
    const text = mergeAnswers(
      'en',
      null,
      [
        { department: 'technical', answer: { text: 'Hello, A', core: 'Fix A' } },
        { department: 'billing', answer: { text: 'Hello, B', core: 'Fix B' } },
      ],
      (department) => departmentTitle(desk, department, 'en'),
    );
    expect(text.match(/Hello/g)).toHaveLength(1);
    expect(text).toContain('Technical support:\nFix A');
    expect(text).toContain('Billing:\nFix B');
  });

  it('addresses a Czech customer in the vocative, and by no name when the form is uncertain', () => {
    const greet = (name: string) =>
      composeAnswer({
        language: 'cs',
        article,
        question: 'nejde přihlášení',
        customer: { ...jan, name },
        intent: 'login_problem',
        retry: 'no',
        now: NOW,
      }).text.split('\n')[0];
    expect(greet('Jan Novák')).toBe('Dobrý den, pane Nováku,');
    expect(greet('Marie Svobodová')).toBe('Dobrý den, paní Svobodová,');
    expect(greet('Tomáš Procházka')).toBe('Dobrý den, pane Procházko,');
    expect(greet('Emily Carter')).toBe('Dobrý den,');
    expect(greet('Novák')).toBe('Dobrý den,');
  });

  it('puts parts of one department under one heading and the plan note once', () => {
    const text = mergeAnswers(
      'cs',
      { ...jan },
      [
        { department: 'billing', answer: { text: 'x', core: 'Faktura' } },
        { department: 'technical', answer: { text: 'y', core: 'Pád' } },
        { department: 'billing', answer: { text: 'z', core: 'Dvojí platba' } },
      ],
      (department) => departmentTitle(desk, department, 'cs'),
    );
    expect(text).toContain('Fakturace a platby:\nFaktura\n\nDvojí platba');
    expect(text.match(/Fakturace a platby:/g)).toHaveLength(1);
    expect(text.match(/tarifem Premium/g)).toHaveLength(1);
    expect(text.startsWith('Dobrý den, pane Nováku,\n\nVaše zpráva se týká více věcí')).toBe(true);
  });

  it('heads no section when every need is one department’s', () => {
    const text = mergeAnswers(
      'en',
      null,
      [
        { department: 'billing', answer: { text: 'x', core: 'Charged twice' } },
        { department: 'billing', answer: { text: 'z', core: 'Refunds' } },
      ],
      (department) => departmentTitle(desk, department, 'en'),
    );
    expect(text).toContain('Charged twice\n\nRefunds');
    expect(text).not.toContain(`${departmentTitle(desk, 'billing', 'en')}:`);
  });
});
