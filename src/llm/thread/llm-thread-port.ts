import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import * as Comlink from 'comlink/dist/esm/comlink.mjs';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { ThreadExitedError, startWorker, workerEntryUrl, type SwarmError } from '../../runtime/index.js';
import { parseLlmConfig, type LlmConfigInput } from '../config.js';
import { LlmAbortedError, LlmInvalidOutputError } from '../errors/index.js';
import type {
  ChatRequest,
  ChatResult,
  CompletionRequest,
  CompletionResult,
  LlmPort,
  StructuredRequest,
} from '../llm.js';
import type { LlmHealth } from '../llm-health.js';
import { jsonSchemaFormat } from '../structured-output.js';
import { rebuildLlmError } from './error-codec.js';
import type { CompleteCall, LlmThreadApi, LlmThreadData, Settled, TokenBatch } from './protocol.js';

/** An LlmPort whose client runs on a thread of its own; `close` ends that thread. */
export interface LlmThread extends LlmPort {
  close(): Promise<void>;
}

interface Running {
  worker: Worker;
  remote: Comlink.Remote<LlmThreadApi>;
  tokens: MessagePort;
}

/**
 * The LLM client on one I/O thread per process, behind the same LlmPort: the `openai` client, stream
 * parsing, retries, the breaker, the concurrency cap and the output guard run there, so there is
 * still one cap and one breaker, and the main thread only posts the request and takes the answer.
 *
 * `health()` is synchronous, so it reports the thread's state as of the last settled call.
 */
export function createLlmThread(input: LlmConfigInput): LlmThread {
  const config = parseLlmConfig(input);
  const streams = new Map<number, (text: string) => void>();
  const waiting = new Map<number, (error: SwarmError) => void>();
  let health: LlmHealth = { breaker: 'closed', inFlight: 0, queued: 0, limit: config.concurrency };
  let nextCallId = 1;
  let closing = false;

  const deliver = (batch: TokenBatch): void => {
    for (const [callId, text] of batch) streams.get(callId)?.(text);
  };

  const start = (): Running => {
    const { port1: tokens, port2 } = new MessageChannel();
    const data: LlmThreadData = { config, tokens: port2 };
    const worker = startWorker(workerEntryUrl('./llm-thread', import.meta.url), {
      workerData: data,
      transferList: [port2],
    });
    tokens.on('message', deliver);
    const remote = Comlink.wrap<LlmThreadApi>(nodeEndpoint(worker));
    // Only calls in flight keep the process alive (see `track`); listening refs a port, so unref after.
    worker.unref();
    tokens.unref();
    let failure: Error | undefined;
    worker.on('error', (error) => {
      failure = error;
    });
    worker.on('exit', (code) => {
      tokens.close();
      const error = new ThreadExitedError(worker.threadId, code, failure?.message);
      for (const reject of waiting.values()) reject(error);
      waiting.clear();
      streams.clear();
      // A new thread starts with a fresh breaker and cap; calls that were on the dead one failed above.
      if (!closing) running = start();
    });
    return { worker, remote, tokens };
  };
  let running = start();

  async function track<T>(
    signal: AbortSignal | undefined,
    send: (callId: number, thread: Running) => Promise<Settled<T>>,
  ): Promise<T> {
    if (signal?.aborted) throw new LlmAbortedError();
    const callId = nextCallId++;
    const thread = running;
    if (waiting.size === 0) thread.worker.ref();
    const onAbort = (): void => void thread.remote.abort(callId);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const settled = await new Promise<Settled<T>>((resolve, reject) => {
        waiting.set(callId, reject);
        send(callId, thread).then(resolve, reject);
      });
      health = settled.health;
      if (!settled.ok) throw rebuildLlmError(settled.error);
      return settled.value;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      waiting.delete(callId);
      if (waiting.size === 0) thread.worker.unref();
    }
  }

  type StreamedHead = Omit<CompleteCall, 'messages'>;

  /** A call whose tokens, when wanted, come back on the token port while it runs. */
  function streamed<T>(
    request: Omit<CompletionRequest, 'messages'>,
    send: (call: StreamedHead, thread: Running) => Promise<Settled<T>>,
  ): Promise<T> {
    const { onToken, signal, guard } = request;
    return track(signal, async (callId, thread) => {
      if (onToken) streams.set(callId, onToken);
      try {
        const settled = await send(
          {
            callId,
            agent: request.agent,
            queryId: request.queryId,
            abortable: signal !== undefined,
            stream: onToken !== undefined,
            ...(guard ? { guard } : {}),
          },
          thread,
        );
        // The thread posted the call's last tokens before its result, on another port: take them now.
        for (
          let next = receiveMessageOnPort(thread.tokens);
          next;
          next = receiveMessageOnPort(thread.tokens)
        ) {
          deliver(next.message as TokenBatch);
        }
        return settled;
      } finally {
        streams.delete(callId);
      }
    });
  }

  return {
    model: config.model,

    complete: (request: CompletionRequest): Promise<CompletionResult> =>
      streamed(request, (call, thread) => thread.remote.complete({ ...call, messages: request.messages })),

    chat: (request: ChatRequest): Promise<ChatResult> =>
      streamed(request, (call, thread) =>
        thread.remote.chat({ ...call, messages: request.messages, tools: request.tools }),
      ),

    async structured<T>(request: StructuredRequest<T>) {
      const responseFormat = jsonSchemaFormat(request.schema, request.schemaName);
      const result = await track(request.signal, (callId, thread) =>
        thread.remote.structured({
          callId,
          agent: request.agent,
          queryId: request.queryId,
          messages: request.messages,
          abortable: request.signal !== undefined,
          responseFormat,
        }),
      );
      // The thread checked the JSON Schema; only the zod schema applies refinements and transforms and
      // gives the value its type.
      const parsed = request.schema.safeParse(result.value);
      if (!parsed.success) {
        throw new LlmInvalidOutputError(
          `JSON does not match the schema: ${parsed.error.issues[0]?.message ?? ''}`,
        );
      }
      return { value: parsed.data, usage: result.usage, latencyMs: result.latencyMs };
    },

    health() {
      return health;
    },

    async close() {
      closing = true;
      await running.worker.terminate();
    },
  };
}
