import { z } from 'zod';

/**
 * The LLM client now: its breaker, the calls at the server and waiting for a slot, and how many it
 * lets in at once (the configured cap, less while the server answers that it is overloaded).
 */
export const LlmHealth = z.object({
  breaker: z.enum(['closed', 'open', 'half-open']),
  inFlight: z.number().int().nonnegative(),
  queued: z.number().int().nonnegative(),
  limit: z.number().int().nonnegative(),
});
export type LlmHealth = z.infer<typeof LlmHealth>;
