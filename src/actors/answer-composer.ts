import type { Customer } from '../domain/customer.js';
import { ESCALATION, type Department, type Language, type Priority } from '../domain/vocabulary.js';
import type { Article } from '../knowledge/index.js';
import { CS_TEMPLATES, EN_TEMPLATES, type AnswerTemplates } from './answer-templates.js';
import type { EscalationReason } from './escalation-policy.js';

export function templatesFor(language: Language): AnswerTemplates {
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
  const lines = [intro, '', article.body];
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
  for (const reason of input.reasons) {
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

/**
 * One reply for a message: a single part stands alone; several get one greeting, one section per
 * department (its parts' answers in order) and the customer's plan note once.
 */
export function mergeAnswers(
  language: Language,
  customer: Customer | null,
  parts: readonly AnsweredPart[],
  titleOf: (department: Department) => string,
): string {
  const [only] = parts;
  if (parts.length === 1 && only) return only.answer.text;
  const t = templatesFor(language);
  const byDepartment = new Map<Department, string[]>();
  for (const part of parts) {
    const cores = byDepartment.get(part.department) ?? [];
    cores.push(part.answer.core);
    byDepartment.set(part.department, cores);
  }
  const sections = [...byDepartment].map(
    ([department, cores]) =>
      `${department === ESCALATION ? t.handoverTitle : titleOf(department)}:\n${cores.join('\n\n')}`,
  );
  return letter(t, customer, [t.multiIntro, ...sections, ...planNote(t, customer)]);
}
