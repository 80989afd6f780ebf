import { expandEnv } from '../config/index.js';
import { InvalidOptionsError } from '../runtime/index.js';
import { WebhookSubscription } from './subscription.js';

/** A receiver as a desk writes it: the secret may still be a `${VAR}`. */
export interface WebhookEntryInput {
  url: string;
  events: string[];
  secret: string;
}

/**
 * The desk's receivers with their secrets read from the environment, checked once at start-up. An
 * error names the receiver's position and the problem, never the secret.
 */
export function resolveSubscriptions(
  entries: readonly WebhookEntryInput[],
  env: Record<string, string | undefined>,
): WebhookSubscription[] {
  return entries.map((entry, i) => {
    const where = `webhooks[${i}]`;
    const parsed = WebhookSubscription.safeParse({
      ...entry,
      secret: expandEnv(entry.secret, env, `${where}.secret`),
    });
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    throw new InvalidOptionsError(`${where}.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`, {
      option: `${where}.${issue?.path.join('.') ?? ''}`,
    });
  });
}
