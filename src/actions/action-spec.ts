import { z } from 'zod';

const ActionMethod = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
type ActionMethod = z.infer<typeof ActionMethod>;

/** A JSON Schema for an action's arguments: an object, as function tools require. */
const ParametersSchema = z
  .object({ type: z.literal('object'), properties: z.record(z.string(), z.unknown()).default({}) })
  .loose();
type ParametersSchema = z.infer<typeof ParametersSchema>;

/** One call on the company's backend, as a desk declares it under `actions:`. */
export const ActionSpec = z.strictObject({
  /** What it does: the tool description the model reads in LLM mode. */
  description: z.string().min(1),
  method: ActionMethod.default('GET'),
  /**
   * `{name}` is filled from the arguments (URL-encoded); only in the path, never in the host. May
   * start with `${VAR}` (the backend's base URL from the environment), read when the server starts.
   */
  url: z
    .string()
    .regex(
      /^(https?:\/\/[^{}\s]+|\$\{[A-Za-z_][A-Za-z0-9_]*\})/,
      'an http(s) URL, or one starting with ${VAR}',
    ),
  /** `${VAR}` is read from the environment; header values are never logged nor put on the trail. */
  headers: z.record(z.string(), z.string()).default({}),
  parameters: ParametersSchema.default({ type: 'object', properties: {} }),
  /** The departments whose agents may call it. */
  departments: z.array(z.string().min(1)).min(1),
  timeout_ms: z.number().int().min(1).max(60_000).default(5000),
  /** Attempts after the first on 429, 5xx or no answer. */
  retries: z.number().int().min(0).max(5).default(2),
});
export type ActionSpec = z.infer<typeof ActionSpec>;

export const ActionsConfig = z.record(z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/), ActionSpec);
export type ActionsConfig = z.infer<typeof ActionsConfig>;
