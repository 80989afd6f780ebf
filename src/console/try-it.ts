import { useRef, useState } from 'preact/hooks';
import { describeError, stream } from './api.js';
import { html } from './html.js';
import { ms, percent } from './format.js';
import type { PanelProps, QueryResult, StreamEvent } from './types.js';

type Routed = Extract<StreamEvent, { type: 'routed' }>;

/** Sends a message as a chosen customer and shows the answer as it streams, token by token. */
export function TryIt({ credentials, notify, customers }: PanelProps & { customers: string[] }) {
  const [customerId, setCustomerId] = useState('CUST001');
  const [message, setMessage] = useState('');
  const [answer, setAnswer] = useState('');
  const [routed, setRouted] = useState<Routed | undefined>(undefined);
  const [handoffs, setHandoffs] = useState<string[]>([]);
  const [result, setResult] = useState<QueryResult | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [running, setRunning] = useState(false);
  const abort = useRef<AbortController | null>(null);

  const send = async (event: Event) => {
    event.preventDefault();
    const controller = new AbortController();
    abort.current = controller;
    setRunning(true);
    setAnswer('');
    setRouted(undefined);
    setHandoffs([]);
    setResult(undefined);
    setError(undefined);
    try {
      await stream(
        '/v1/queries',
        credentials,
        ({ data }) => {
          const update = JSON.parse(data) as StreamEvent;
          switch (update.type) {
            case 'routed':
              setRouted(update);
              break;
            case 'handoff':
              setHandoffs((list) => [...list, `${update.from} → ${update.to}: ${update.reason}`]);
              break;
            case 'token':
              setAnswer((text) => text + update.delta);
              break;
            case 'done':
              setResult(update.result);
              setAnswer(update.result.response);
              break;
            case 'error':
              setError(`${update.error.code}: ${update.error.message}`);
              break;
          }
        },
        { method: 'POST', body: { customerId: customerId.trim(), message }, signal: controller.signal },
      );
    } catch (failure) {
      if (!controller.signal.aborted) {
        setError(describeError(failure));
        notify(false, `Try it: ${describeError(failure)}`);
      }
    } finally {
      setRunning(false);
      abort.current = null;
    }
  };

  return html`<section class="panel try" aria-labelledby="try-title">
    <h2 id="try-title">Try it</h2>
    <form class="stack" onSubmit=${send}>
      <div class="row">
        <label for="try-customer">Customer</label>
        <input
          id="try-customer"
          list="known-customers"
          required
          value=${customerId}
          onInput=${(e: Event) => setCustomerId((e.currentTarget as HTMLInputElement).value)}
        />
        <datalist id="known-customers">
          ${customers.map((id) => html`<option value=${id}></option>`)}
        </datalist>
      </div>
      <label for="try-message">Message</label>
      <textarea
        id="try-message"
        rows="3"
        required
        value=${message}
        placeholder="I was charged twice for my subscription"
        onInput=${(e: Event) => setMessage((e.currentTarget as HTMLTextAreaElement).value)}
      ></textarea>
      <div class="row">
        <button type="submit" disabled=${running}>Send</button>
        ${running ? html`<button type="button" onClick=${() => abort.current?.abort()}>Stop reading</button>` : null}
      </div>
    </form>
    ${
      routed
        ? html`<p class="muted" data-routed>
            ${routed.language} · ${routed.intent} → ${routed.department} (${percent(routed.confidence)}) ·
            ${routed.priority}
          </p>`
        : null
    }
    ${handoffs.map((line) => html`<p class="muted small">${line}</p>`)}
    ${
      answer || running
        ? html`<blockquote class="answer" aria-live="polite" aria-busy=${running} data-try-answer>
            ${answer}
          </blockquote>`
        : null
    }
    ${
      result
        ? html`<p class="muted small" data-try-done>
            done in
            ${ms(result.timings.totalMs)}${result.escalated ? ` · escalated, ticket ${result.ticketId}` : ''}
            ·
            <code>${result.queryId}</code>
          </p>`
        : null
    }
    ${error ? html`<p class="error-text" role="alert">${error}</p>` : null}
  </section>`;
}
