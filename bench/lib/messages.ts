import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A realistic mix for the pipeline scenarios: Czech (with and without diacritics) and English, every
 * department, some escalations and some multi-intent messages.
 */
export const MESSAGE_MIX: ReadonlyArray<{ text: string; language: 'cs' | 'en' }> = [
  { language: 'cs', text: 'Aplikace se mi stále zasekává při přihlášení' },
  { language: 'cs', text: 'Kdy mi přijde faktura za tento měsíc?' },
  { language: 'cs', text: 'Jak mohu změnit své nastavení profilu?' },
  { language: 'en', text: 'The app crashes every time I open the reports tab on Android' },
  { language: 'en', text: 'I was charged twice for my subscription this month' },
  { language: 'cs', text: 'nefunguje mi prihlaseni, porad to pise chybne heslo' },
  { language: 'en', text: 'How do I invite a new colleague to our team workspace?' },
  { language: 'cs', text: 'Potřebuji upravit DIČ a adresu firmy na fakturách' },
  { language: 'en', text: 'What are your support opening hours?' },
  { language: 'en', text: 'the app crashes when I open my invoice, and I was charged twice' },
  { language: 'cs', text: 'aplikace mi pada pri synchronizaci a navic mi prisla faktura dvakrat' },
  { language: 'en', text: 'I want to speak to a human, this is the third time I am writing' },
  { language: 'cs', text: 'Jak si můžu přepnout jazyk aplikace do angličtiny?' },
  { language: 'en', text: 'Can I get a refund for the annual plan I bought yesterday?' },
  { language: 'cs', text: 'Synchronizace mezi telefonem a počítačem nefunguje od včerejška' },
  { language: 'en', text: 'How do I reset my password?' },
  { language: 'en', text: 'My card payment keeps failing when I try to upgrade to Premium' },
  { language: 'cs', text: 'Chci zrušit předplatné ke konci měsíce' },
  { language: 'en', text: 'Two-factor codes from the authenticator are rejected' },
  { language: 'cs', text: 'Kde najdu informace o zpracování osobních údajů?' },
];

/**
 * Customers the pipeline scenarios write as. A support desk hears from many customers, each now and
 * then: a handful of customers writing thousands of times a second would make nearly every query a
 * "repeat contact" escalation, which is neither realistic nor the path being measured. Every customer
 * is in the CRM (seeded through SWARM_CUSTOMERS_FILE), some with earlier issues, so CRM context, plan
 * notes and the occasional repeat-contact escalation are all exercised.
 */
const BENCH_CUSTOMERS = 20_000;

const FIRST = ['Jan', 'Marie', 'Petr', 'Lucie', 'Tomáš', 'Anna', 'John', 'Emma', 'David', 'Sarah'];
const LAST = ['Novák', 'Svobodová', 'Dvořák', 'Černá', 'Procházka', 'Smith', 'Brown', 'Taylor'];
const PLANS = ['Basic', 'Basic', 'Premium', 'Business'] as const;
const PAST_INTENTS = [
  ['login_problem', 'technical'],
  ['invoice_request', 'billing'],
  ['password_reset', 'technical'],
  ['refund_request', 'billing'],
  ['opening_hours', 'general'],
] as const;
const DAY_MS = 86_400_000;

function customerId(index: number): string {
  return `BENCH-${String(index).padStart(5, '0')}`;
}

/** Deterministic (no randomness): the same population every run, 0-2 earlier issues each. */
function benchCustomer(index: number, now: number) {
  const issues = Array.from({ length: index % 3 }, (_, n) => {
    const [intent, department] = PAST_INTENTS[(index + n) % PAST_INTENTS.length] ?? PAST_INTENTS[0];
    return {
      at: new Date(now - ((index * 7 + n * 13) % 60) * DAY_MS - DAY_MS).toISOString(),
      summary: `Earlier contact about ${intent}`,
      intent,
      department,
    };
  });
  return {
    schemaVersion: 1,
    customerId: customerId(index),
    name: `${FIRST[index % FIRST.length]} ${LAST[(index * 3) % LAST.length]}`,
    email: `customer${index}@example.com`,
    phone: `+420 600 ${String(index).padStart(6, '0')}`,
    subscriptionType: PLANS[index % PLANS.length],
    lastContact: issues.at(-1)?.at ?? null,
    issuesHistory: issues,
  };
}

let customersFile: string | undefined;

/** The population as a JSON file for SWARM_CUSTOMERS_FILE, written once per bench process. */
export function benchCustomersFile(): string {
  if (customersFile) return customersFile;
  const now = Date.now();
  const customers = Array.from({ length: BENCH_CUSTOMERS }, (_, index) => benchCustomer(index, now));
  customersFile = join(mkdtempSync(join(tmpdir(), 'swarmdesk-bench-')), 'customers.json');
  writeFileSync(customersFile, JSON.stringify(customers));
  return customersFile;
}

/**
 * How customers open and close a message, per language of the mix's messages. The closing carries a
 * number of the customer's own (an order, an account), so no two customers send the same text: the
 * agents memoise classification and search by text, and twenty messages repeated thousands of times
 * a second would measure the memo instead of the models.
 */
const OPENINGS = {
  cs: ['', 'Dobrý den, ', 'Ahoj, ', 'Zdravím, '],
  en: ['', 'Hi, ', 'Hello, ', 'Good morning, '],
};
const CLOSINGS = {
  cs: ['Objednávka č. {n}.', 'Číslo zákazníka {n}, děkuji.', 'Účet {n}', 'Díky, píšu kvůli účtu {n}.'],
  en: ['Order no. {n}.', 'Customer number {n}, thanks.', 'Account {n}', 'Thanks, this is about account {n}.'],
};
/** The mix's message for a customer, with that customer's opening and closing. */
function wordedMessage(index: number): string {
  const { text: base, language } = MESSAGE_MIX[index % MESSAGE_MIX.length] ?? { text: '', language: 'en' };
  const opening = OPENINGS[language][Math.floor(index / 7) % OPENINGS[language].length] ?? '';
  const closing = (CLOSINGS[language][Math.floor(index / 3) % CLOSINGS[language].length] ?? '').replace(
    '{n}',
    String(400_000 + index * 37),
  );
  const lowered = /^I\b/.test(base) ? base : base.charAt(0).toLowerCase() + base.slice(1);
  const text = opening ? opening + lowered : base;
  return `${text}${/[?.!]$/.test(text) ? '' : '.'} ${closing}`;
}

/**
 * Queries in turn: customer after customer of the population, each with its own wording of the next
 * message of the mix, so consecutive queries come from different customers and a customer writes again
 * only after the whole population has.
 */
export function querySequence(): () => { customerId: string; message: string } {
  let next = 0;
  return () => {
    const index = next++ % BENCH_CUSTOMERS;
    return { customerId: customerId(index), message: wordedMessage(index) };
  };
}

/** The same queries as request bodies. */
export function queryBodySequence(): () => string {
  const next = querySequence();
  return () => JSON.stringify(next());
}
