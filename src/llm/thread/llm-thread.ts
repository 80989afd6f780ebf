import { parentPort, workerData } from 'node:worker_threads';
import * as Comlink from 'comlink/dist/esm/comlink.mjs';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { serializeError } from '../../runtime/index.js';
import { createLlmEngine } from '../openai-llm.js';
import type { LlmThreadApi, LlmThreadData, Settled, TokenBatch } from './protocol.js';

/**
 * The LLM thread: one per process, holding the only `openai` client, concurrency cap and circuit
 * breaker. The HTTP exchange, stream parsing, retries and the output guard all run here.
 */
const { config, tokens } = workerData as LlmThreadData;
const engine = createLlmEngine(config);
const aborts = new Map<number, AbortController>();
let pending: TokenBatch = [];
let scheduled = false;

function flushTokens(): void {
  scheduled = false;
  if (pending.length === 0) return;
  tokens.postMessage(pending);
  pending = [];
}

/**
 * Every stream's deltas go out in one post per turn. Each delta stays an entry of its own: a client
 * sees the tokens as the model sent them, only the messages between threads are fewer.
 */
function sendToken(callId: number, text: string): void {
  pending.push([callId, text]);
  if (!scheduled) {
    scheduled = true;
    setImmediate(flushTokens);
  }
}

function signalFor(callId: number, abortable: boolean): AbortSignal | undefined {
  if (!abortable) return undefined;
  const controller = new AbortController();
  aborts.set(callId, controller);
  return controller.signal;
}

async function settle<T>(callId: number, run: () => Promise<T>): Promise<Settled<T>> {
  try {
    const value = await run();
    return { ok: true, value, health: engine.health() };
  } catch (error) {
    return { ok: false, error: serializeError(error), health: engine.health() };
  } finally {
    aborts.delete(callId);
    // The call's last tokens are posted before its result, so the main thread can drain them first.
    flushTokens();
  }
}

const api: LlmThreadApi = {
  complete: ({ callId, agent, queryId, messages, abortable, stream, guard }) =>
    settle(callId, () => {
      const signal = signalFor(callId, abortable);
      return engine.complete({
        agent,
        queryId,
        messages,
        ...(guard ? { guard } : {}),
        ...(signal ? { signal } : {}),
        ...(stream ? { onToken: (text: string) => sendToken(callId, text) } : {}),
      });
    }),

  chat: ({ callId, agent, queryId, messages, tools, abortable, stream, guard }) =>
    settle(callId, () => {
      const signal = signalFor(callId, abortable);
      return engine.chat({
        agent,
        queryId,
        messages,
        tools,
        ...(guard ? { guard } : {}),
        ...(signal ? { signal } : {}),
        ...(stream ? { onToken: (text: string) => sendToken(callId, text) } : {}),
      });
    }),

  structured: ({ callId, agent, queryId, messages, abortable, responseFormat }) =>
    settle(callId, () => {
      const signal = signalFor(callId, abortable);
      return engine.structuredJson({
        agent,
        queryId,
        messages,
        responseFormat,
        ...(signal ? { signal } : {}),
      });
    }),

  abort(callId) {
    aborts.get(callId)?.abort();
  },
};

if (parentPort) Comlink.expose(api, nodeEndpoint(parentPort));
