import { html } from './html.js';
import { ms, percent, time } from './format.js';
import type { QuerySummary } from './types.js';

/** Rows shown: enough to follow the traffic, few enough to keep the rest of the page in reach. */
const SHOWN = 25;

/** The latest answered queries, newest first; opening one shows its trail and answer. */
export function QueriesPanel({
  queries,
  selected,
  open,
}: {
  queries: QuerySummary[];
  selected: string | undefined;
  open: (query: QuerySummary) => void;
}) {
  return html`<section class="panel queries" aria-labelledby="queries-title">
    <h2 id="queries-title">Live queries</h2>
    ${
      queries.length === 0
        ? html`<p class="muted">No query answered yet. Send one with <a href="#try-title">Try it</a>.</p>`
        : html`<div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Customer</th>
                  <th scope="col">Lang</th>
                  <th scope="col">Intent</th>
                  <th scope="col">Department</th>
                  <th scope="col">Conf.</th>
                  <th scope="col">Priority</th>
                  <th scope="col">Handoffs</th>
                  <th scope="col">Escalated</th>
                  <th scope="col">Latency</th>
                </tr>
              </thead>
              <tbody>
                ${queries.slice(0, SHOWN).map(
                  (q) =>
                    html`<tr
                      key=${q.queryId}
                      data-query=${q.queryId}
                      class=${q.queryId === selected ? 'selected' : ''}
                    >
                      <td>
                        <button
                          type="button"
                          class="link"
                          onClick=${() => open(q)}
                          aria-label=${`Open query ${q.queryId}`}
                        >
                          ${time(q.createdAt)}
                        </button>
                      </td>
                      <td>${q.customerId}</td>
                      <td>${q.language}</td>
                      <td>${q.intent}</td>
                      <td>${q.department}</td>
                      <td class="num">${percent(q.confidence)}</td>
                      <td><span class=${`priority priority-${q.priority}`}>${q.priority}</span></td>
                      <td class="num">${q.handoffs}</td>
                      <td>${q.escalated ? html`<span class="state state-failed">ticket</span>` : 'no'}</td>
                      <td class="num">${ms(q.latencyMs)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
  </section>`;
}
