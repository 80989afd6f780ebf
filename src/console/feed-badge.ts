import { html } from './html.js';
import type { FeedState } from './use-feed.js';

const LABELS: Record<FeedState, string> = {
  connecting: 'connecting…',
  live: 'live',
  retrying: 'reconnecting…',
  refused: 'refused',
};

/** Whether a panel's feed is live, and why not when it is not. */
export function FeedBadge({ state, error }: { state: FeedState; error: string | undefined }) {
  return html`<span class=${`feed feed-${state}`} role="status" title=${error ?? ''}>
    ${LABELS[state]}${state !== 'live' && error ? html` <span class="error-text">${error}</span>` : null}
  </span>`;
}
