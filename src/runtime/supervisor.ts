import type { ActorCell } from './actor-cell.js';
import type { Dispatcher } from './dispatcher.js';
import {
  ActorStoppedError,
  BehaviourError,
  SwarmError,
  ThreadExitedError,
  type SerializedError,
} from './errors.js';
import type { Kernel } from './kernel.js';
import type { Envelope } from './mailbox.js';
import type { ThreadHost } from './thread-host.js';

/**
 * One-for-one supervision (OTP, Akka): a crashed actor alone is restarted, after an exponential
 * backoff, within a restart intensity; beyond it the actor is `failed`. Also places actors on
 * threads and repairs the damage when a thread dies.
 */
export class Supervisor {
  constructor(
    private readonly kernel: Kernel,
    private readonly dispatcher: Dispatcher,
    private readonly createThread: () => ThreadHost,
  ) {}

  onSpawned(cell: ActorCell): void {
    if (!cell.thread) return;
    cell.lifecycle = 'running';
    cell.notifySettled();
    this.kernel.publish({
      type: 'actor.started',
      at: this.kernel.now(),
      id: cell.id,
      thread: cell.thread.id,
    });
    this.dispatcher.markDispatch(cell);
  }

  /**
   * The message the actor crashed on (`culprit`, none when init failed) is retried once, then
   * dead-lettered; the rest of its in-flight work goes back to the front of the mailbox.
   */
  onCrash(cell: ActorCell, culprit: Envelope | undefined, error: SerializedError): void {
    cell.failed++;
    cell.lastError = error;
    const requeue: Envelope[] = [];
    for (const envelope of cell.inFlight) {
      if (envelope === culprit && ++envelope.attempts > 1) {
        this.kernel.deadLetter(cell.id, envelope.message, error);
        envelope.reply?.reject(new BehaviourError(cell.id, error));
        envelope.release?.();
      } else {
        requeue.push(envelope);
      }
    }
    cell.inFlight = [];
    cell.mailbox.requeueFront(requeue);
    this.#scheduleRestart(cell, error);
  }

  #scheduleRestart(cell: ActorCell, error: SerializedError): void {
    const { clock } = this.kernel.options;
    const decision = cell.policy.next(clock.now());
    if (decision.kind === 'fail') {
      this.#fail(cell, error);
      return;
    }
    cell.lifecycle = 'restarting';
    cell.incarnation++;
    this.kernel.statuses.mark(cell.id);
    cell.restartTimer = clock.setTimeout(() => {
      cell.restartTimer = undefined;
      cell.restarts++;
      this.kernel.publish({
        type: 'actor.restarted',
        at: clock.now(),
        id: cell.id,
        attempt: decision.attempt,
        error,
      });
      this.spawn(cell, cell.thread?.alive ? cell.thread : this.pickThread());
    }, decision.delayMs);
  }

  /** Intensity exceeded: the supervisor gives up on the actor until someone calls `start`. */
  #fail(cell: ActorCell, error: SerializedError): void {
    this.detach(cell);
    cell.lifecycle = 'failed';
    this.kernel.flushMailbox(cell, new ActorStoppedError(cell.id, 'failed'));
    cell.notifySettled();
    this.kernel.statuses.mark(cell.id);
    this.kernel.publish({ type: 'actor.failed', at: this.kernel.now(), id: cell.id, error });
  }

  /**
   * A dead thread is replaced at once. Its actors restart elsewhere with their mailboxes; one that
   * had work in flight may be what killed the thread, so for it this counts as a crash (retry once,
   * intensity); an idle one just moves.
   */
  onThreadExit(thread: ThreadHost, code: number | null, cause: Error | undefined): void {
    const { kernel } = this;
    kernel.threads = kernel.threads.filter((candidate) => candidate !== thread);
    const error = new ThreadExitedError(thread.id, code, cause?.message).toJSON();
    kernel.publish({ type: 'thread.exited', at: kernel.now(), thread: thread.id, code, error });
    if (kernel.closed) return;
    kernel.threads.push(this.createThread());
    for (const actorId of thread.actors) {
      const cell = kernel.cells.get(actorId);
      if (!cell) continue;
      cell.thread = null;
      if (cell.lifecycle === 'restarting') continue;
      if (cell.inFlight.length > 0 || cell.lifecycle === 'starting') {
        this.onCrash(cell, cell.inFlight[0], error);
      } else {
        cell.restarts++;
        kernel.publish({ type: 'actor.restarted', at: kernel.now(), id: cell.id, attempt: 0, error });
        this.spawn(cell, this.pickThread());
      }
    }
    thread.actors.clear();
  }

  /** The live thread hosting the fewest actors. */
  pickThread(): ThreadHost {
    let best: ThreadHost | undefined;
    for (const thread of this.kernel.threads) {
      if (thread.alive && (!best || thread.actors.size < best.actors.size)) best = thread;
    }
    if (!best) throw new SwarmError('NO_THREADS', 'the actor system has no live worker thread');
    return best;
  }

  /** Starts a new incarnation of `cell` on `thread`: init runs again, the mailbox is untouched. */
  spawn(cell: ActorCell, thread: ThreadHost): void {
    this.detach(cell);
    cell.incarnation++;
    cell.lifecycle = 'starting';
    cell.thread = thread;
    thread.actors.add(cell.id);
    this.kernel.statuses.mark(cell.id);
    thread.post({
      t: 'spawn',
      actorId: cell.id,
      type: cell.type,
      incarnation: cell.incarnation,
      behaviour: cell.spec.behaviour,
      config: cell.spec.config,
    });
  }

  /** Drops the actor from its thread (state and all) and cancels a pending restart; keeps the mailbox. */
  detach(cell: ActorCell): void {
    if (cell.restartTimer !== undefined) this.kernel.options.clock.clearTimeout(cell.restartTimer);
    cell.restartTimer = undefined;
    const thread = cell.thread;
    if (!thread) return;
    cell.incarnation++;
    thread.post({ t: 'stop', actorId: cell.id, incarnation: cell.incarnation });
    thread.actors.delete(cell.id);
    cell.thread = null;
  }
}
