/**
 * The entry of every worker thread: hosts many actors, each processing its own messages, and relays
 * their tells, asks, service calls, emits and logs to the main thread in batches.
 */
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { Batcher } from '../batcher.js';
import { NotCloneableError, type SerializedError, type SwarmError } from '../errors.js';
import { rebuildError, serializeError } from '../error-codec.js';
import type { FromWorker, ToWorker, WorkerBootData } from '../protocol.js';
import { ActorRunner } from './actor-runner.js';
import { loadBehaviour } from './behaviour-loader.js';
import { createContext, type ThreadServices } from './context.js';

if (!parentPort) throw new Error('the actor host must run in a worker thread');
const port = parentPort;

const boot = workerData as WorkerBootData;
const shared = new Map<string, unknown>(boot.shared);
const actors = new Map<string, ActorRunner>();
/** The newest incarnation the main thread asked for, per actor: a slow init of an older one is discarded. */
const latest = new Map<string, number>();
const pending = new Map<number, { resolve(value: unknown): void; reject(error: SwarmError): void }>();
let nextCallId = 1;

const outbox = new Batcher<FromWorker>(
  (batch) => port.postMessage(batch),
  (message, error) => refuseUnsendable(message, error),
);
const post = (message: FromWorker): void => outbox.push(message);

function refuseUnsendable(message: FromWorker, error: unknown): void {
  const refusal = new NotCloneableError(message.t, error instanceof Error ? error.message : String(error));
  switch (message.t) {
    case 'ask':
    case 'call':
      pending.get(message.callId)?.reject(refusal);
      pending.delete(message.callId);
      return;
    case 'done': {
      // Only some replies are at fault: find them, so the other asks still get theirs.
      const unsendable: Array<[number, SerializedError]> = [];
      const replies = message.replies.map((reply, index) => {
        try {
          structuredClone(reply);
          return reply;
        } catch (cloneError) {
          unsendable.push([index, new NotCloneableError('reply', String(cloneError)).toJSON()]);
          return undefined;
        }
      });
      post({ ...message, replies, unsendable });
      return;
    }
    case 'spawnFailed':
      post({ ...message, error: refusal.toJSON() });
      return;
    case 'settled':
      post({ t: 'settled', id: message.id, ok: false, error: refusal.toJSON() });
      return;
    default:
      post({
        t: 'log',
        from: 'from' in message ? message.from : 'host',
        level: 'error',
        msg: refusal.message,
        fields: undefined,
      });
  }
}

function request(message: (callId: number) => FromWorker): Promise<unknown> {
  const callId = nextCallId++;
  return new Promise((resolve, reject) => {
    pending.set(callId, { resolve, reject });
    post(message(callId));
  });
}

const services: ThreadServices = {
  thread: threadId,
  tell: (from, target, message, options) => post({ t: 'tell', from, target, message, options }),
  ask: (from, target, message, options) =>
    request((callId) => ({ t: 'ask', callId, from, target, message, options })),
  call: (from, service, method, args) =>
    request((callId) => ({ t: 'call', callId, from, service, method, args })),
  emit: (from, topic, event) => post({ t: 'emit', from, topic, event }),
  shared: (key) => shared.get(key),
  log: (from, level, msg, fields) => post({ t: 'log', from, level, msg, fields }),
};

async function spawn(message: Extract<ToWorker, { t: 'spawn' }>): Promise<void> {
  const { actorId, incarnation } = message;
  latest.set(actorId, incarnation);
  actors.get(actorId)?.kill();
  actors.delete(actorId);
  try {
    const behaviour = await loadBehaviour(message.behaviour);
    const ctx = createContext(actorId, message.type, message.config, services);
    const state = await behaviour.init(ctx);
    if (latest.get(actorId) !== incarnation) return;
    actors.set(actorId, new ActorRunner(actorId, incarnation, behaviour, state, ctx, outbox));
    post({ t: 'spawned', actorId, incarnation });
  } catch (error) {
    if (latest.get(actorId) !== incarnation) return;
    post({ t: 'spawnFailed', actorId, incarnation, error: serializeError(error) });
  }
}

function handle(message: ToWorker): void {
  switch (message.t) {
    case 'spawn':
      void spawn(message);
      return;
    case 'deliver': {
      const runner = actors.get(message.actorId);
      if (runner && runner.incarnation === message.incarnation)
        runner.deliver(message.messages, message.asks);
      return;
    }
    case 'stop':
      latest.set(message.actorId, message.incarnation);
      actors.get(message.actorId)?.kill();
      actors.delete(message.actorId);
      return;
    case 'reply': {
      const call = pending.get(message.callId);
      pending.delete(message.callId);
      if (!call) return;
      if (message.ok) call.resolve(message.value);
      else call.reject(rebuildError(message.error));
      return;
    }
    case 'shared':
      shared.set(message.key, message.value);
      return;
  }
}

port.on('message', (batch: ToWorker[]) => {
  for (const message of batch) handle(message);
});
port.postMessage([{ t: 'ready' }] satisfies FromWorker[]);
