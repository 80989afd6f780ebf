import type { BreakerConfig } from '../config.js';

export type BreakerState = 'closed' | 'open' | 'half-open';

/** What an admitted attempt holds: the probe's outcome decides whether a half-open breaker closes. */
export interface BreakerPermit {
  readonly probe: boolean;
}

/**
 * Counts attempts, not calls, so a retry storm against a failing server trips it quickly. Only
 * faults of the server count as failures (5xx, 429, connection errors, timeouts); an answer the
 * caller cannot use still proves the server is up.
 */
export class CircuitBreaker {
  readonly #config: BreakerConfig;
  readonly #now: () => number;
  #state: BreakerState = 'closed';
  #openedAt = 0;
  #consecutiveFailures = 0;
  #window: boolean[] = [];
  #probeInFlight = false;

  constructor(config: BreakerConfig, now: () => number) {
    this.#config = config;
    this.#now = now;
  }

  get state(): BreakerState {
    if (this.#state === 'open' && this.#cooledDown()) return 'half-open';
    return this.#state;
  }

  /** Milliseconds until an open breaker lets a probe through (0 when it would now). */
  retryInMs(): number {
    if (this.#state !== 'open') return 0;
    return Math.max(0, this.#openedAt + this.#config.cooldownMs - this.#now());
  }

  /** Whether `tryAcquire` would give a permit now; it takes none. */
  admits(): boolean {
    if (this.#state === 'closed') return true;
    if (this.#state === 'open' && !this.#cooledDown()) return false;
    return !this.#probeInFlight;
  }

  /** A permit for one attempt, or undefined when the attempt must be rejected without a request. */
  tryAcquire(): BreakerPermit | undefined {
    if (!this.admits()) return undefined;
    if (this.#state === 'closed') return { probe: false };
    this.#state = 'half-open';
    this.#probeInFlight = true;
    return { probe: true };
  }

  recordSuccess(permit: BreakerPermit): void {
    if (permit.probe) {
      this.#probeInFlight = false;
      this.#close();
      return;
    }
    if (this.#state !== 'closed') return;
    this.#consecutiveFailures = 0;
    this.#observe(true);
  }

  /** True when this failure opened the breaker. */
  recordFailure(permit: BreakerPermit): boolean {
    if (permit.probe) {
      this.#probeInFlight = false;
      this.#open();
      return true;
    }
    if (this.#state !== 'closed') return false;
    this.#consecutiveFailures += 1;
    this.#observe(false);
    if (this.#consecutiveFailures < this.#config.failureThreshold && !this.#rateExceeded()) return false;
    this.#open();
    return true;
  }

  /** The attempt ended without saying anything about the server (the caller aborted it). */
  release(permit: BreakerPermit): void {
    if (permit.probe) this.#probeInFlight = false;
  }

  #cooledDown(): boolean {
    return this.#now() - this.#openedAt >= this.#config.cooldownMs;
  }

  #observe(ok: boolean): void {
    this.#window.push(ok);
    if (this.#window.length > this.#config.windowSize) this.#window.shift();
  }

  #rateExceeded(): boolean {
    if (this.#window.length < this.#config.minimumCalls) return false;
    const failures = this.#window.filter((ok) => !ok).length;
    return failures / this.#window.length >= this.#config.failureRate;
  }

  #open(): void {
    this.#state = 'open';
    this.#openedAt = this.#now();
  }

  #close(): void {
    this.#state = 'closed';
    this.#consecutiveFailures = 0;
    this.#window = [];
  }
}
