import type { ActorCell } from './actor-cell.js';
import { DeadLetterLog } from './dead-letters.js';
import type { SerializedError, SwarmError } from './errors.js';
import { EventBus, StatusCoalescer } from './events.js';
import { RUNTIME_DEFAULTS, type ResolvedOptions } from './options.js';
import type { Pool } from './pool.js';
import type { DeadLetter, SystemEvent } from './system-types.js';
import type { ThreadHost } from './thread-host.js';

/**
 * What the dispatcher, the supervisor and the scaler share: the registries of actors, pools and
 * threads, the event bus and the dead-letter log. It holds state and tiny helpers, no policy.
 */
export class Kernel {
  readonly bus: EventBus;
  readonly statuses: StatusCoalescer;
  readonly letters: DeadLetterLog;
  readonly cells = new Map<string, ActorCell>();
  readonly pools = new Map<string, Pool>();
  readonly shared = new Map<string, unknown>();
  threads: ThreadHost[] = [];
  /** Intake from outside is refused; internal traffic still flows so queued work can drain. */
  shuttingDown = false;
  /** Threads are closing: a thread exit is no longer a fault to repair. */
  closed = false;

  constructor(readonly options: ResolvedOptions) {
    this.bus = new EventBus(options.inspect, options.logger);
    this.statuses = new StatusCoalescer(options.clock, RUNTIME_DEFAULTS.statusIntervalMs, this.bus, (id) =>
      this.cells.get(id)?.status(),
    );
    this.letters = new DeadLetterLog(RUNTIME_DEFAULTS.deadLetterLimit, (letter) => {
      if (this.bus.observed) this.bus.publish({ type: 'deadletter', at: letter.at, letter });
    });
  }

  now(): number {
    return this.options.clock.now();
  }

  publish(event: SystemEvent): void {
    this.bus.publish(event);
  }

  deadLetter(target: string, message: unknown, reason: SerializedError): DeadLetter {
    return this.letters.add(this.now(), target, message, reason);
  }

  /** Dead-letters everything queued or in flight for `cell`, rejecting the asks with `reason`. */
  flushMailbox(cell: ActorCell, reason: SwarmError): DeadLetter[] {
    const envelopes = [...cell.inFlight, ...cell.mailbox.drain()];
    cell.inFlight = [];
    return envelopes.map((envelope) => {
      envelope.reply?.reject(reason);
      envelope.release?.();
      return this.deadLetter(cell.id, envelope.message, reason.toJSON());
    });
  }

  /** Messages queued or in flight on actors that can still process them. */
  pending(): number {
    let total = 0;
    for (const cell of this.cells.values()) if (cell.accepting) total += cell.depth;
    return total;
  }
}
