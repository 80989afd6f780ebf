import type { Ticket, TicketUpdate } from '../domain/ticket.js';

/** The ticket after `update` at `at`: one definition of a change, shared by every store. */
export function applyUpdate(ticket: Ticket, update: TicketUpdate, at: string): Ticket {
  const { note } = update;
  return {
    ...ticket,
    ...(update.status === undefined ? {} : { status: update.status }),
    ...(update.assignee === undefined ? {} : { assignee: update.assignee }),
    notes: note
      ? [...ticket.notes, { at, ...(note.author ? { author: note.author } : {}), text: note.text }]
      : ticket.notes,
    updatedAt: at,
  };
}
