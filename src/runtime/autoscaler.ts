export interface ScaleInput {
  /** Per active instance: queued plus in-flight messages, and since when it has had none. */
  instances: Array<{ depth: number; idleSince: number }>;
  min: number;
  max: number;
  now: number;
  scaleUpDepth: number;
  idleMs: number;
}

export interface ScaleDecision {
  to: number;
  reason: string;
}

/**
 * Grows a pool to one instance per `scaleUpDepth` queued messages (capped at `max`) when the average
 * depth reaches it; shrinks by one instance per tick once an instance has been empty for `idleMs`.
 */
export function decideScale(input: ScaleInput): ScaleDecision | null {
  const count = input.instances.length;
  if (count === 0) return null;
  const total = input.instances.reduce((sum, instance) => sum + instance.depth, 0);
  if (count < input.max && total / count >= input.scaleUpDepth) {
    const to = Math.min(input.max, Math.max(count + 1, Math.ceil(total / input.scaleUpDepth)));
    return { to, reason: `mailbox depth ${total} across ${count} instance(s)` };
  }
  if (count > input.min) {
    const idle = input.instances.filter(
      (instance) => instance.depth === 0 && input.now - instance.idleSince >= input.idleMs,
    );
    if (idle.length > 0) return { to: count - 1, reason: `idle for ${input.idleMs} ms` };
  }
  return null;
}
