import type { Customer } from '../../domain/customer.js';
import { INSTRUCTION_MARKERS } from '../instruction-markers.js';
import type { GuardVerdict } from './input-check.js';
import { CUSTOMER_ID, SECRETS, emailsIn, phonesIn, samePhone } from './sensitive-patterns.js';

export interface OutputCheckOptions {
  /** The requesting customer: their own e-mail, phone and id may appear. */
  customer: Customer | null;
  /**
   * Texts whose e-mails and phone numbers may be repeated: the articles (support lines) and the
   * customer's own messages.
   */
  allowedSources?: string[];
}

/**
 * Flags an answer that mentions contact data or customer ids other than the requester's, repeats
 * the system prompt, or contains something shaped like a credential.
 */
export function checkOutput(text: string, options: OutputCheckOptions): GuardVerdict {
  return createOutputCheck(options)(text);
}

/**
 * `checkOutput` with what the options allow worked out once: the stream guard checks every delta,
 * and scanning the articles for their e-mails and phones each time was most of an answer's CPU.
 */
export function createOutputCheck(options: OutputCheckOptions): (text: string) => GuardVerdict {
  const { customer } = options;
  const sources = options.allowedSources ?? [];
  const allowedEmails = new Set(sources.flatMap(emailsIn));
  const allowedPhones = sources.flatMap(phonesIn);
  if (customer) {
    allowedEmails.add(customer.email.toLowerCase());
    allowedPhones.push(...phonesIn(customer.phone));
  }
  const ownId = customer?.customerId.toLowerCase();
  return (text) => {
    const reasons = new Set<string>();
    if (emailsIn(text).some((email) => !allowedEmails.has(email))) reasons.add('foreign_email');
    if (phonesIn(text).some((phone) => !allowedPhones.some((allowed) => samePhone(phone, allowed)))) {
      reasons.add('foreign_phone');
    }
    if ([...text.matchAll(CUSTOMER_ID)].some((match) => match[0].toLowerCase() !== ownId)) {
      reasons.add('foreign_customer_id');
    }
    const lower = text.toLowerCase().replace(/\s+/g, ' ');
    if (INSTRUCTION_MARKERS.some((marker) => lower.includes(marker.toLowerCase())))
      reasons.add('instructions_leak');
    if (SECRETS.some((pattern) => pattern.test(text))) reasons.add('secret');
    return { ok: reasons.size === 0, reasons: [...reasons] };
  };
}
