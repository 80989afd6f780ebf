import { z } from 'zod';

/** A slot: how to find it in a message, and how to ask for it, per language. */
export const SlotSpec = z.strictObject({
  pattern: z.string().min(1),
  ask: z.record(z.string(), z.string().min(1)),
});
export type SlotSpec = z.infer<typeof SlotSpec>;

/** What an intent bound to an action adds to the intent: the action, its slots, the answer per language. */
export const IntentAction = z.object({
  action: z.string().min(1),
  slots: z.record(z.string(), SlotSpec).default({}),
  answer: z.record(z.string(), z.string().min(1)),
});
export type IntentAction = z.infer<typeof IntentAction>;
