import type { Customer } from '../domain/customer.js';
import { ESCALATION, type Department, type Language, type Priority } from '../domain/vocabulary.js';
import { answeringStep, type Article } from '../knowledge/index.js';
import { CS_TEMPLATES, EN_TEMPLATES, type AnswerTemplates } from './answer-templates.js';
import type { EscalationReason } from './escalation-policy.js';

function templatesFor(language: Language): AnswerTemplates {
  return language === 'cs' ? CS_TEMPLATES : EN_TEMPLATES;
}

/** An answer in two cuts: `core` is what a combined multi-part reply quotes, `text` stands alone. */
export interface ComposedAnswer {
  text: string;
  core: string;
}

export interface OfflineAnswerInput {
  language: Language;
  article: Article;
  /** The customer's words the article answers. */
  question: string;
  customer: Customer | null;
  intent: string;
  /** The previous answer did not help: `other` offers a different article, `same` the same one again. */
  retry: 'no' | 'other' | 'same';
  /** The customer's plan as another agent reported it (a consult), if one was asked. */
  consultedPlan?: string;
  now: number;
}

const RECENT_ISSUE_DAYS = 90;

function recentIssueDate(customer: Customer | null, intent: string, now: number): Date | undefined {
  if (!customer) return undefined;
  const since = now - RECENT_ISSUE_DAYS * 86_400_000;
  for (let i = customer.issuesHistory.length - 1; i >= 0; i--) {
    const issue = customer.issuesHistory[i];
    if (!issue || issue.intent !== intent) continue;
    const at = Date.parse(issue.at);
    if (at >= since && at < now) return new Date(at);
  }
  return undefined;
}

/** The offline answer: the best article, framed by what the CRM says about the customer. */
export function composeAnswer(input: OfflineAnswerInput): ComposedAnswer {
  const t = templatesFor(input.language);
  const { article, customer } = input;
  const intro =
    input.retry === 'other'
      ? t.retryIntro(article.title)
      : input.retry === 'same'
        ? t.retrySameIntro(article.title)
        : t.articleIntro(article.title);
  // A first answer to a question about one item of a longer article says that item first.
  const answering = input.retry === 'no' ? answeringStep(article, input.question) : undefined;
  const lines = answering
    ? [t.inShort(answering.step), '', intro, '', answering.body]
    : [intro, '', article.body];
  const notes: string[] = [];
  const recent = recentIssueDate(customer, input.intent, input.now);
  if (recent) notes.push(t.recentIssue(t.date(recent)));
  if (input.consultedPlan) notes.push(t.planFact(input.consultedPlan));
  if (notes.length > 0) lines.push('', notes.join(' '));
  const core = lines.join('\n');
  return { core, text: letter(t, customer, [core, ...planNote(t, customer)]) };
}

function planNote(t: AnswerTemplates, customer: Customer | null): string[] {
  const note = customer ? t.planNote(customer.subscriptionType) : undefined;
  return note ? [note] : [];
}

/** Greeting on its own line, the paragraphs, the closing: the shape of every answer. */
function letter(t: AnswerTemplates, customer: Customer | null, paragraphs: readonly string[]): string {
  return [t.greeting(customer?.name), ...paragraphs, t.closing].join('\n\n');
}

export interface HandoverInput {
  language: Language;
  customer: Customer | null;
  reasons: readonly EscalationReason[];
  ticket: { ticketId: string; priority: Priority; dueBy: string } | null;
  /** Say first that no article answered the question, so nothing looks invented. */
  noArticle: boolean;
}

/** The escalation agent's honest message: why, the ticket, and when a person will answer. */
export function composeHandover(input: HandoverInput): ComposedAnswer {
  const t = templatesFor(input.language);
  const sentences: string[] = [];
  if (input.noArticle) sentences.push(t.noArticle);
  // "By law or by our rules" explains a handover nothing else explains; beside anger or a request for
  // a person it reads as if the customer's own words had not been heard.
  const explained = input.reasons.some((reason) => reason !== 'person_required' && t.reason[reason]);
  for (const reason of input.reasons) {
    if (reason === 'person_required' && explained) continue;
    const sentence = t.reason[reason];
    if (sentence && !sentences.includes(sentence)) sentences.push(sentence);
  }
  const { ticket } = input;
  sentences.push(
    ticket
      ? t.handover(ticket.ticketId, t.priority[ticket.priority], t.dateTime(new Date(ticket.dueBy)))
      : t.handoverWithoutTicket,
  );
  const core = sentences.join(' ');
  return { core, text: [t.greeting(input.customer?.name), core].join('\n\n') };
}

export interface AnsweredPart {
  department: Department;
  answer: ComposedAnswer;
}

export interface Handover {
  answer: ComposedAnswer;
  /** The handover answers a need of its own (a request for a person), not the answered ones. */
  ownNeed: boolean;
}

/**
 * One reply for a message. One need stands alone (a handover for it, such as the ticket a GDPR request
 * opens, follows its answer in the same letter); different needs get one greeting, one section per
 * department (headed when there are several), the customer's plan note once and one sign-off.
 */
export function mergeAnswers(
  language: Language,
  customer: Customer | null,
  needs: readonly AnsweredPart[],
  titleOf: (department: Department) => string,
  handover?: Handover,
): string {
  const [only] = needs;
  if (!only) return handover?.answer.text ?? '';
  const t = templatesFor(language);
  if (needs.length === 1 && !handover) return only.answer.text;
  if (needs.length === 1 && handover && !handover.ownNeed) {
    return letter(t, customer, [only.answer.core, ...planNote(t, customer), handover.answer.core]);
  }
  const byDepartment = new Map<Department, string[]>();
  // A note two answers share (the same recent issue) is said once, in the first.
  const said = new Set<string>();
  for (const part of needs) {
    const cores = byDepartment.get(part.department) ?? [];
    const lines = part.answer.core.split('\n').filter((line) => line === '' || !said.has(line));
    for (const line of lines) said.add(line);
    cores.push(lines.join('\n').trim());
    byDepartment.set(part.department, cores);
  }
  if (handover) byDepartment.set(ESCALATION, [handover.answer.core]);
  // Needs of one department are answered in turn; a heading only tells departments apart.
  const headed = byDepartment.size > 1;
  const sections = [...byDepartment].map(([department, cores]) =>
    headed
      ? `${department === ESCALATION ? t.handoverTitle : titleOf(department)}:\n${cores.join('\n\n')}`
      : cores.join('\n\n'),
  );
  return letter(t, customer, [t.multiIntro, ...sections, ...planNote(t, customer)]);
}

/** A reply the router gives itself (a clarifying question, what the desk does): greeted, no sign-off. */
export function composeNote(language: Language, customer: Customer | null, text: string): string {
  return [templatesFor(language).greeting(customer?.name), text].join('\n\n');
}
