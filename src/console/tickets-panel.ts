import { useCallback, useEffect, useState } from 'preact/hooks';
import { call, describeError } from './api.js';
import { html } from './html.js';
import { time } from './format.js';
import type { PanelProps, Ticket, TicketStatus } from './types.js';

const POLL_MS = 5000;
type Filter = TicketStatus | 'all';

/** The human-handoff queue, most urgent first (the server's order), with take, close and reopen. */
export function TicketsPanel({ credentials, notify, confirm, bump }: PanelProps & { bump: number }) {
  const [filter, setFilter] = useState<Filter>('all');
  const [tickets, setTickets] = useState<Ticket[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState<string | undefined>(undefined);

  const load = useCallback(async () => {
    try {
      const query = filter === 'all' ? '' : `&status=${filter}`;
      const list = await call<{ tickets: Ticket[] }>(`/v1/tickets?limit=100${query}`, credentials);
      setTickets(list.tickets);
      setError(undefined);
    } catch (failure) {
      setError(describeError(failure));
    }
  }, [filter, credentials.apiKey]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void load();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [load, bump]);

  const change = async (ticket: Ticket, status: TicketStatus, verb: string) => {
    if (status === 'closed' && !(await confirm(`Close ticket ${ticket.ticketId}?`, 'Close ticket'))) return;
    setBusy(ticket.ticketId);
    try {
      await call<Ticket>(`/v1/tickets/${encodeURIComponent(ticket.ticketId)}`, credentials, {
        method: 'PATCH',
        body: { status },
      });
      notify(true, `Ticket ${ticket.ticketId} ${verb}`);
    } catch (failure) {
      notify(false, `Ticket ${ticket.ticketId}: ${verb} failed: ${describeError(failure)}`);
    } finally {
      setBusy(undefined);
      await load();
    }
  };

  return html`<section class="panel tickets" aria-labelledby="tickets-title">
    <div class="row spread">
      <h2 id="tickets-title">Tickets</h2>
      <div class="row">
        <label for="ticket-filter">Show</label>
        <select
          id="ticket-filter"
          value=${filter}
          onChange=${(event: Event) => setFilter((event.currentTarget as HTMLSelectElement).value as Filter)}
        >
          <option value="all">all</option>
          <option value="open">open</option>
          <option value="assigned">taken</option>
          <option value="closed">closed</option>
        </select>
        <button type="button" onClick=${() => void load()}>Refresh</button>
      </div>
    </div>
    <p class="muted small">Assigning a ticket to someone else comes with ticket assignees (issue 18).</p>
    ${error ? html`<p class="error-text" role="alert">${error}</p>` : null}
    ${tickets?.length === 0 ? html`<p class="muted">The queue is empty.</p>` : null}
    <ul class="ticket-list">
      ${(tickets ?? []).map(
        (t) =>
          html`<li
            key=${t.ticketId}
            class=${`ticket status-${t.status}`}
            data-ticket=${t.ticketId}
            data-status=${t.status}
          >
            <div class="row spread">
              <span
                ><span class=${`priority priority-${t.priority}`}>${t.priority}</span>
                <strong>${t.department}</strong> · ${t.customerId}</span
              >
              <span class="muted small">${t.status} · due ${time(t.dueBy)}</span>
            </div>
            <p>${t.summary}</p>
            <p class="muted small">
              ${t.reasons.join(', ')} · opened ${time(t.createdAt)} · <code>${t.ticketId}</code>
            </p>
            <div class="row">
              ${
                t.status === 'open'
                  ? html`<button
                      type="button"
                      disabled=${busy === t.ticketId}
                      aria-label=${`Take ticket ${t.ticketId}`}
                      onClick=${() => change(t, 'assigned', 'taken')}
                    >
                      Take
                    </button>`
                  : html`<button
                      type="button"
                      disabled=${busy === t.ticketId}
                      aria-label=${`Reopen ticket ${t.ticketId}`}
                      onClick=${() => change(t, 'open', 'reopened')}
                    >
                      Reopen
                    </button>`
              }
              ${
                t.status !== 'closed'
                  ? html`<button
                      type="button"
                      disabled=${busy === t.ticketId}
                      aria-label=${`Close ticket ${t.ticketId}`}
                      onClick=${() => change(t, 'closed', 'closed')}
                    >
                      Close
                    </button>`
                  : null
              }
            </div>
          </li>`,
      )}
    </ul>
  </section>`;
}
