/** The one conversation every framework runs: triage hands a billing question to billing, which answers. */
export const TRIAGE_PROMPT =
  'You are the triage agent of a support desk. Hand billing questions to the billing agent.';
export const BILLING_PROMPT = 'You are the billing agent of a support desk. Answer the customer briefly.';
export const QUESTION = 'I was charged twice for my subscription this month, can I get a refund?';
export const HANDOFF_TOOL = 'transfer_to_billing';

/** Answers one customer message (for the frameworks: two LLM calls, triage then the billing answer). */
export interface Flow {
  answer(message: string): Promise<string>;
  close(): Promise<void>;
}
