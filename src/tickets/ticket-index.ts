import type { Ticket, TicketStatus } from '../domain/ticket.js';
import { ticketScore } from './ticket-order.js';

interface Entry {
  score: number;
  ticketId: string;
}

const before = (a: Entry, b: Entry) => a.score - b.score || (a.ticketId < b.ticketId ? -1 : 1);

/** Where `entry` belongs in `list` (sorted by `before`): the first position not before it. */
function position(list: Entry[], entry: Entry): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (before(list[mid] as Entry, entry) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The tickets of each status kept sorted as they change (most urgent, then oldest, first), so a page
 * of the queue costs its own length instead of a sort of every ticket ever opened.
 */
export class TicketIndex {
  readonly #byStatus = new Map<TicketStatus, Entry[]>();

  add(ticket: Pick<Ticket, 'ticketId' | 'status' | 'priority' | 'createdAt'>): void {
    const list = this.#list(ticket.status);
    const entry = { score: ticketScore(ticket), ticketId: ticket.ticketId };
    list.splice(position(list, entry), 0, entry);
  }

  remove(ticket: Pick<Ticket, 'ticketId' | 'status' | 'priority' | 'createdAt'>): void {
    const list = this.#list(ticket.status);
    const at = position(list, { score: ticketScore(ticket), ticketId: ticket.ticketId });
    if (list[at]?.ticketId === ticket.ticketId) list.splice(at, 1);
  }

  /** The first `limit` ids of one status, or of all statuses merged in queue order. */
  first(limit: number, status?: TicketStatus): string[] {
    const lists = status === undefined ? [...this.#byStatus.values()] : [this.#list(status)];
    const cursors = lists.map(() => 0);
    const ids: string[] = [];
    while (ids.length < limit) {
      let best = -1;
      for (let i = 0; i < lists.length; i++) {
        const candidate = lists[i]?.[cursors[i] ?? 0];
        const current = best < 0 ? undefined : lists[best]?.[cursors[best] ?? 0];
        if (candidate && (!current || before(candidate, current) < 0)) best = i;
      }
      if (best < 0) break;
      ids.push((lists[best]?.[cursors[best] ?? 0] as Entry).ticketId);
      cursors[best] = (cursors[best] ?? 0) + 1;
    }
    return ids;
  }

  clear(): void {
    this.#byStatus.clear();
  }

  #list(status: TicketStatus): Entry[] {
    let list = this.#byStatus.get(status);
    if (!list) {
      list = [];
      this.#byStatus.set(status, list);
    }
    return list;
  }
}
