import type { Priority, SubscriptionType } from '../domain/vocabulary.js';
import { czechAddress } from './czech-address.js';
import type { EscalationReason } from './escalation-policy.js';

/** The sentences an offline answer is built from, one set per answered language. */
export interface AnswerTemplates {
  greeting(name: string | undefined): string;
  articleIntro(title: string): string;
  /** The article's item that answers the question, said before the whole article. */
  inShort(step: string): string;
  retryIntro(title: string): string;
  /** A retry with no other article to offer: the same steps, and a person if they fail again. */
  retrySameIntro(title: string): string;
  planNote(plan: SubscriptionType): string | undefined;
  recentIssue(date: string): string;
  planFact(plan: string): string;
  closing: string;
  noArticle: string;
  multiIntro: string;
  /** The heading of the part a person takes over, in a reply about several things. */
  handoverTitle: string;
  priority: Record<Priority, string>;
  reason: Record<EscalationReason, string | undefined>;
  handover(ticketId: string, priority: string, due: string): string;
  handoverWithoutTicket: string;
  date(at: Date): string;
  dateTime(at: Date): string;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const time = (at: Date): string => `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const CS_TEMPLATES: AnswerTemplates = {
  greeting: (name) => {
    // A Czech letter addresses the customer in the vocative ("pane Nováku"), or not by name at all.
    const address = czechAddress(name);
    return address ? `Dobrý den, ${address},` : 'Dobrý den,';
  },
  articleIntro: (title) => `K vašemu dotazu máme tento postup (${title}):`,
  inShort: (step) => `Ve zkratce: ${step}`,
  retryIntro: (title) => `Je mi líto, že předchozí rada nepomohla. Zkusme to jinak (${title}):`,
  retrySameIntro: (title) =>
    `Je mi líto, že předchozí rada nepomohla. Jiný postup v naší znalostní bázi nemáme, projděte prosím ` +
    `pečlivě všechny kroky (${title}); pokud problém potrvá, napište nám a předáme vás kolegovi:`,
  planNote: (plan) =>
    plan === 'Premium'
      ? 'Jako zákazník s tarifem Premium máte přednostní podporu.'
      : plan === 'Business'
        ? 'S tarifem Business vám pomůže i váš správce účtu.'
        : undefined,
  recentIssue: (date) => `Vidím, že jsme podobný problém řešili už ${date}.`,
  planFact: (plan) => `Podle našich záznamů máte tarif ${plan}.`,
  closing: 'Pokud to nepomůže, odpovězte nám a postaráme se o to dál.',
  noArticle: 'K tomuto dotazu bohužel v naší znalostní bázi nemám spolehlivou odpověď a nechci hádat.',
  multiIntro: 'Vaše zpráva se týká více věcí, odpovídám na každou zvlášť.',
  handoverTitle: 'Předání kolegům',
  priority: { low: 'nízká', medium: 'střední', high: 'vysoká', urgent: 'urgentní' },
  reason: {
    human_requested: 'Rozumím, že chcete mluvit s člověkem.',
    anger: 'Je mi líto, že vám to způsobilo potíže.',
    legal_threat: 'Vaši zprávu bereme vážně.',
    repeat_contact: 'Vidím, že se na nás kvůli tomuto problému obracíte opakovaně.',
    low_confidence: 'Ani teď si nejsem jistý, že vašemu dotazu správně rozumím, proto ho předávám kolegům.',
    no_answer: undefined,
    unresolved: 'Je mi líto, že se problém zatím nepodařilo vyřešit.',
    handoff_limit: undefined,
    guarded_answer: undefined,
    specialist_failed: 'Při zpracování vašeho dotazu došlo k chybě na naší straně.',
    timeout: 'Zpracování vašeho dotazu trvá déle, než by mělo.',
    person_required:
      'Takový požadavek musí podle zákona nebo našich pravidel vyřídit člověk, proto jsem ho rovnou předal kolegům.',
  },
  handover: (ticketId, priority, due) =>
    `Předal jsem váš požadavek kolegům z podpory (tiket ${ticketId}, priorita ${priority}). ` +
    `Člověk z našeho týmu se vám ozve nejpozději ${due}.`,
  handoverWithoutTicket:
    'Předávám váš požadavek kolegům z podpory; tiket se teď nepodařilo založit, proto se vám ozveme e-mailem.',
  date: (at) => `${at.getUTCDate()}. ${at.getUTCMonth() + 1}. ${at.getUTCFullYear()}`,
  dateTime: (at) => `${at.getUTCDate()}. ${at.getUTCMonth() + 1}. ${at.getUTCFullYear()} v ${time(at)} UTC`,
};

export const EN_TEMPLATES: AnswerTemplates = {
  greeting: (name) => (name ? `Hello ${name},` : 'Hello,'),
  articleIntro: (title) => `Here is what helps with this (${title}):`,
  inShort: (step) => `In short: ${step}`,
  retryIntro: (title) => `I am sorry the previous advice did not help. Let us try another way (${title}):`,
  retrySameIntro: (title) =>
    `I am sorry the previous advice did not help. Our knowledge base has no other procedure, so please go ` +
    `through every step carefully (${title}); if the problem stays, reply and a colleague will take over:`,
  planNote: (plan) =>
    plan === 'Premium'
      ? 'As a Premium customer you have priority support.'
      : plan === 'Business'
        ? 'On the Business plan your account manager can help as well.'
        : undefined,
  recentIssue: (date) => `I can see we looked at a similar issue on ${date}.`,
  planFact: (plan) => `Our records show you are on the ${plan} plan.`,
  closing: 'If this does not help, just reply and we will take it further.',
  noArticle:
    'I could not find a reliable answer to this in our knowledge base, and I would rather not guess.',
  multiIntro: 'Your message covers several topics, so here is an answer to each.',
  handoverTitle: 'Handover to a person',
  priority: { low: 'low', medium: 'medium', high: 'high', urgent: 'urgent' },
  reason: {
    human_requested: 'I understand you would like to talk to a person.',
    anger: 'I am sorry for the trouble this has caused you.',
    legal_threat: 'We take your message seriously.',
    repeat_contact: 'I can see you have contacted us about this problem repeatedly.',
    low_confidence: 'I am still not sure I understood your request, so I am passing it to a colleague.',
    no_answer: undefined,
    unresolved: 'I am sorry the problem is not solved yet.',
    handoff_limit: undefined,
    guarded_answer: undefined,
    specialist_failed: 'Something went wrong on our side while handling your request.',
    timeout: 'Handling your request is taking longer than it should.',
    person_required:
      'A request like this has to be handled by a person, by law or by our rules, so I have passed it on.',
  },
  handover: (ticketId, priority, due) =>
    `I have passed your request to our support team (ticket ${ticketId}, priority ${priority}). ` +
    `A person from our team will get back to you by ${due}.`,
  handoverWithoutTicket:
    'I am passing your request to our support team; the ticket could not be opened just now, so we will reply by e-mail.',
  date: (at) => `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]} ${at.getUTCFullYear()}`,
  dateTime: (at) => `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]} ${at.getUTCFullYear()}, ${time(at)} UTC`,
};
