import { useEffect, useState } from 'preact/hooks';
import { html } from './html.js';
import { time } from './format.js';
import type { Notice } from './types.js';

/** The outcome of every action, newest first, read out by screen readers as it arrives. */
export function Notices({ notices }: { notices: Notice[] }) {
  return html`<section class="panel notices" aria-labelledby="notices-title">
    <h2 id="notices-title">Activity</h2>
    <ol class="notice-list" role="log" aria-live="polite">
      ${notices.length === 0 ? html`<li class="muted">Results of your actions appear here.</li>` : null}
      ${notices.map(
        (n) =>
          html`<li key=${n.id} class=${n.ok ? 'ok' : 'bad'} data-notice=${n.ok ? 'ok' : 'error'}>
            <span class="muted num">${time(n.at.getTime())}</span> ${n.text}
          </li>`,
      )}
    </ol>
  </section>`;
}

const SHOWN_MS = 6000;

/**
 * The newest notice for a few seconds at the foot of the screen, wherever the operator scrolled to.
 * Hidden from screen readers: the Activity log already announces it.
 */
export function LatestNotice({ notice }: { notice: Notice | undefined }) {
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    if (!notice) return;
    setVisible(true);
    const timer = setTimeout(() => setVisible(false), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [notice?.id]);
  if (!notice || !visible) return null;
  return html`<div class=${`toast ${notice.ok ? 'ok' : 'bad'}`} aria-hidden="true">${notice.text}</div>`;
}
