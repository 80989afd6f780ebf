import { z } from 'zod';

/** Who an action is called for: set by the desk from the conversation, never by the model. */
export interface ActionCallContext {
  customerId: string;
  conversationId: string;
  department: string;
}

/** One call, as the trail and /metrics see it: no arguments, no headers, nothing secret. */
export const ActionCallRecord = z.object({
  action: z.string(),
  department: z.string(),
  conversationId: z.string(),
  outcome: z.enum(['ok', 'error']),
  /** The error code when it failed. */
  code: z.string().optional(),
  /** The backend's last HTTP status; null when none answered. */
  status: z.number().int().nullable(),
  attempts: z.number().int(),
  latencyMs: z.number(),
  at: z.string(),
});
export type ActionCallRecord = z.infer<typeof ActionCallRecord>;

export type ActionOutcome =
  | { ok: true; action: string; status: number; data: unknown }
  | { ok: false; action: string; error: { code: string; message: string }; status: number | null };

/** What a call gave, with the record of it that goes on the conversation's trail. */
export type ActionResult = ActionOutcome & { call: ActionCallRecord };

/** An action as a function tool: what an LLM is offered (the customer's id is never among it). */
export interface ActionTool {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}
