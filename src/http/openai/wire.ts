import { z } from '@hono/zod-openapi';

/**
 * The subset of OpenAI's chat-completions protocol the desk speaks. Requests are loose objects: clients
 * send sampling parameters (`temperature`, `max_tokens`, ...) that mean nothing to a support desk and
 * must not be refused for it.
 */
const TextPart = z.looseObject({ type: z.string(), text: z.string().optional() });

export const ChatMessage = z
  .looseObject({
    role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
    content: z
      .union([z.string(), z.array(TextPart)])
      .nullable()
      .optional(),
    name: z.string().optional(),
  })
  .openapi('ChatMessage');
export type ChatMessage = z.infer<typeof ChatMessage>;

export const ChatCompletionRequest = z
  .looseObject({
    model: z.string().min(1).openapi({ example: 'swarmdesk' }),
    messages: z.array(ChatMessage).min(1),
    stream: z.boolean().nullable().optional(),
    stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullable().optional(),
    user: z
      .string()
      .max(300)
      .optional()
      .openapi({ description: '`customerId` or `customerId:conversationId`', example: 'CUST001' }),
  })
  .openapi('ChatCompletionRequest');
export type ChatCompletionRequest = z.infer<typeof ChatCompletionRequest>;

export const CompletionUsage = z
  .object({
    prompt_tokens: z.number().int(),
    completion_tokens: z.number().int(),
    total_tokens: z.number().int(),
  })
  .openapi('CompletionUsage');
export type CompletionUsage = z.infer<typeof CompletionUsage>;

/** What the desk adds to OpenAI's objects: how to continue the conversation, and how it was routed. */
export const SwarmCompletionInfo = z
  .object({
    queryId: z.string(),
    conversationId: z.string(),
    customerId: z.string(),
    intent: z.string(),
    department: z.string(),
    escalated: z.boolean(),
    ticketId: z.string().nullable(),
  })
  .openapi('SwarmCompletionInfo');
export type SwarmCompletionInfo = z.infer<typeof SwarmCompletionInfo>;

export const ChatCompletion = z
  .object({
    id: z.string(),
    object: z.literal('chat.completion'),
    created: z.number().int(),
    model: z.string(),
    choices: z.array(
      z.object({
        index: z.number().int(),
        message: z.object({
          role: z.literal('assistant'),
          content: z.string(),
          refusal: z.string().nullable(),
        }),
        logprobs: z.null(),
        finish_reason: z.literal('stop'),
      }),
    ),
    usage: CompletionUsage,
    swarm: SwarmCompletionInfo,
  })
  .openapi('ChatCompletion');
export type ChatCompletion = z.infer<typeof ChatCompletion>;

export const ChatCompletionChunk = z
  .object({
    id: z.string(),
    object: z.literal('chat.completion.chunk'),
    created: z.number().int(),
    model: z.string(),
    choices: z.array(
      z.object({
        index: z.number().int(),
        delta: z.object({ role: z.literal('assistant').optional(), content: z.string().optional() }),
        logprobs: z.null(),
        finish_reason: z.literal('stop').nullable(),
      }),
    ),
    usage: CompletionUsage.nullable().optional(),
    swarm: SwarmCompletionInfo.optional(),
  })
  .openapi('ChatCompletionChunk');
export type ChatCompletionChunk = z.infer<typeof ChatCompletionChunk>;

export const Model = z
  .object({
    id: z.string(),
    object: z.literal('model'),
    created: z.number().int(),
    owned_by: z.string(),
  })
  .openapi('Model');
export type Model = z.infer<typeof Model>;

export const ModelList = z.object({ object: z.literal('list'), data: z.array(Model) }).openapi('ModelList');
export type ModelList = z.infer<typeof ModelList>;

export const ModelParam = z.object({ model: z.string().min(1).max(200) });

/** Errors on the OpenAI-compatible routes, in OpenAI's shape; `code` is the API's usual error code. */
export const OpenAiErrorBody = z
  .object({
    error: z.object({
      message: z.string(),
      type: z.string(),
      code: z.string(),
      param: z.string().nullable(),
    }),
  })
  .openapi('OpenAiError');
export type OpenAiErrorBody = z.infer<typeof OpenAiErrorBody>;
