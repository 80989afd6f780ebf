import { useCallback, useEffect, useState } from 'preact/hooks';
import { call, describeError } from './api.js';
import { html } from './html.js';
import { time } from './format.js';
import type { PanelProps, Ticket, TicketQueueView, TicketStatus } from './types.js';

/** Per list: an operator works the top of the queue; the API pages beyond it. */
const SHOWN = 10;
type View = 'active' | 'closed';

interface Lists {
  assigned: Ticket[];
  open: Ticket[];
  closed: Ticket[];
}

function AssignForm({
  ticket: t,
  busy,
  assign,
}: {
  ticket: Ticket;
  busy: boolean;
  assign: (ticket: Ticket, assignee: string) => void;
}) {
  const [name, setName] = useState('');
  const id = `assign-${t.ticketId}`;
  return html`<form
    class="row"
    onSubmit=${(event: Event) => {
      event.preventDefault();
      if (name.trim() !== '') assign(t, name.trim());
    }}
  >
    <label for=${id} class="small">Assign to</label>
    <input
      id=${id}
      value=${name}
      placeholder="a colleague's name"
      onInput=${(event: Event) => setName((event.currentTarget as HTMLInputElement).value)}
    />
    <button type="submit" disabled=${busy || name.trim() === ''} aria-label=${`Assign ticket ${t.ticketId}`}>
      Assign
    </button>
  </form>`;
}

function TicketItem({
  ticket: t,
  busy,
  change,
  assign,
}: {
  ticket: Ticket;
  busy: boolean;
  change: (ticket: Ticket, status: TicketStatus, verb: string) => void;
  assign: (ticket: Ticket, assignee: string) => void;
}) {
  return html`<li class=${`ticket status-${t.status}`} data-ticket=${t.ticketId} data-status=${t.status}>
    <div class="row spread">
      <span class="row">
        <span class=${`priority priority-${t.priority}`}>${t.priority}</span>
        <strong>${t.department}</strong>
        <span>${t.customerId}</span>
      </span>
      <span class="muted small"
        >${t.status}${t.assignee ? html` · <span data-assignee>${t.assignee}</span>` : null} · due
        ${time(t.dueBy)}</span
      >
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
              disabled=${busy}
              aria-label=${`Take ticket ${t.ticketId}`}
              onClick=${() => change(t, 'assigned', 'taken')}
            >
              Take
            </button>`
          : html`<button
              type="button"
              disabled=${busy}
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
              disabled=${busy}
              aria-label=${`Close ticket ${t.ticketId}`}
              onClick=${() => change(t, 'closed', 'closed')}
            >
              Close
            </button>`
          : null
      }
    </div>
    ${t.status !== 'closed' ? html`<${AssignForm} ticket=${t} busy=${busy} assign=${assign} />` : null}
  </li>`;
}

/**
 * The human-handoff queue in the server's order (most urgent first, then oldest): the tickets taken,
 * then the open ones, as the console feed pushes them; closed ones on request. Take, assign, close and
 * reopen.
 * After its own change, or a refresh, the panel reads the lists itself until the feed's next view.
 */
export function TicketsPanel({
  credentials,
  notify,
  confirm,
  pushed,
}: PanelProps & { pushed: TicketQueueView | undefined }) {
  const [view, setView] = useState<View>('active');
  const [read, setRead] = useState<Lists | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState<string | undefined>(undefined);

  useEffect(() => setRead(undefined), [pushed]);

  const load = useCallback(async () => {
    const list = async (status: TicketStatus) =>
      (await call<{ tickets: Ticket[] }>(`/v1/tickets?limit=${SHOWN}&status=${status}`, credentials)).tickets;
    try {
      if (view === 'active') {
        const [assigned, open] = await Promise.all([list('assigned'), list('open')]);
        setRead({ assigned, open, closed: [] });
      } else {
        setRead({ assigned: [], open: [], closed: await list('closed') });
      }
      setError(undefined);
    } catch (failure) {
      setError(describeError(failure));
    }
  }, [view, credentials.apiKey]);

  useEffect(() => {
    if (view === 'closed') void load();
  }, [view, load]);

  const patch = async (ticket: Ticket, body: Record<string, unknown>, verb: string) => {
    setBusy(ticket.ticketId);
    try {
      await call<Ticket>(`/v1/tickets/${encodeURIComponent(ticket.ticketId)}`, credentials, {
        method: 'PATCH',
        body,
      });
      notify(true, `Ticket ${ticket.ticketId} ${verb}`);
    } catch (failure) {
      notify(false, `Ticket ${ticket.ticketId}: ${verb} failed: ${describeError(failure)}`);
    } finally {
      setBusy(undefined);
      await load();
    }
  };

  const change = async (ticket: Ticket, status: TicketStatus, verb: string) => {
    if (status === 'closed' && !(await confirm(`Close ticket ${ticket.ticketId}?`, 'Close ticket'))) return;
    await patch(ticket, { status }, verb);
  };

  // Assigning is taking it on someone's behalf: the ticket leaves the open queue for theirs.
  const assign = (ticket: Ticket, assignee: string) =>
    patch(ticket, { status: 'assigned', assignee }, `assigned to ${assignee}`);

  const lists: Lists | undefined =
    view === 'closed' ? read : (read ?? (pushed ? { ...pushed, closed: [] } : undefined));

  const group = (title: string, tickets: Ticket[], empty: string) =>
    html`<h3>
        ${title} <span class="muted num">${tickets.length < SHOWN ? tickets.length : `${SHOWN}+`}</span>
      </h3>
      ${tickets.length === 0 ? html`<p class="muted small">${empty}</p>` : null}
      <ul class="ticket-list">
        ${tickets.map(
          (t) =>
            html`<${TicketItem}
              key=${t.ticketId}
              ticket=${t}
              busy=${busy === t.ticketId}
              change=${change}
              assign=${assign}
            />`,
        )}
      </ul>`;

  return html`<section class="panel tickets" aria-labelledby="tickets-title">
    <div class="row spread">
      <h2 id="tickets-title">Tickets</h2>
      <div class="row">
        <label for="ticket-view">Show</label>
        <select
          id="ticket-view"
          value=${view}
          onChange=${(event: Event) => {
            setRead(undefined);
            setView((event.currentTarget as HTMLSelectElement).value as View);
          }}
        >
          <option value="active">taken and open</option>
          <option value="closed">closed</option>
        </select>
        <button type="button" onClick=${() => void load()}>Refresh</button>
      </div>
    </div>
    ${error ? html`<p class="error-text" role="alert">${error}</p>` : null}
    ${
      lists && view === 'active'
        ? [
            group('Taken', lists.assigned, 'Nobody is working a ticket.'),
            group('Open', lists.open, 'The queue is empty.'),
          ]
        : null
    }
    ${lists && view === 'closed' ? group('Closed', lists.closed, 'No closed ticket.') : null}
  </section>`;
}
