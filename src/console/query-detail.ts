import { useEffect, useState } from 'preact/hooks';
import { call, describeError } from './api.js';
import { html } from './html.js';
import { ms, percent, time } from './format.js';
import type {
  BlackboardEntry,
  Conversation,
  FeedbackOutcome,
  PanelProps,
  QueryResult,
  QuerySummary,
} from './types.js';

function describeEntry(entry: BlackboardEntry): string {
  switch (entry.kind) {
    case 'message':
      return `said: ${entry.text}`;
    case 'intent':
      return `classified ${entry.intent} → ${entry.department} (${percent(entry.confidence)})`;
    case 'fact':
      return `noted ${entry.key} = ${JSON.stringify(entry.value)}`;
    case 'handoff':
      return `handed off ${entry.from} → ${entry.to}: ${entry.reason}`;
    case 'answer':
      return `answered (${entry.department}, ${entry.language}): ${entry.text}`;
  }
}

/** One query: its answer, the trail of who handled it and why, and an intent correction. */
export function QueryDetail({
  summary,
  intents,
  close,
  credentials,
  notify,
}: PanelProps & { summary: QuerySummary; intents: string[]; close: () => void }) {
  const [result, setResult] = useState<QueryResult | undefined>(undefined);
  const [conversation, setConversation] = useState<Conversation | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [intent, setIntent] = useState('');
  const [outcome, setOutcome] = useState<string | undefined>(undefined);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    setResult(undefined);
    setConversation(undefined);
    setError(undefined);
    setOutcome(undefined);
    const id = encodeURIComponent(summary.queryId);
    Promise.all([
      call<QueryResult>(`/v1/queries/${id}`, credentials),
      call<Conversation>(`/v1/conversations/${encodeURIComponent(summary.conversationId)}`, credentials),
    ]).then(
      ([query, trail]) => {
        setResult(query);
        setConversation(trail);
      },
      (failure: unknown) => setError(describeError(failure)),
    );
  }, [summary.queryId, credentials.apiKey]);

  const correct = async (event: Event) => {
    event.preventDefault();
    setSending(true);
    try {
      const answer = await call<FeedbackOutcome>(
        `/v1/queries/${encodeURIComponent(summary.queryId)}/feedback`,
        credentials,
        { method: 'POST', body: { correctIntent: intent.trim() } },
      );
      const text =
        answer.learning === 'applied'
          ? `learned: "${summary.intent}" corrected to "${intent.trim()}"`
          : `not learned (${answer.learning})${answer.reason ? `: ${answer.reason}` : ''}`;
      setOutcome(text);
      notify(answer.learning === 'applied', `Query ${summary.queryId.slice(0, 8)}: ${text}`);
    } catch (failure) {
      const text = `correction failed: ${describeError(failure)}`;
      setOutcome(text);
      notify(false, `Query ${summary.queryId.slice(0, 8)}: ${text}`);
    } finally {
      setSending(false);
    }
  };

  const entries = conversation?.entries ?? [];
  return html`<section class="panel detail" aria-labelledby="detail-title">
    <div class="row spread">
      <h2 id="detail-title">Query <code>${summary.queryId.slice(0, 8)}</code></h2>
      <button type="button" onClick=${close}>Close</button>
    </div>
    <p class="muted">
      ${[
        summary.customerId,
        time(summary.createdAt),
        `${summary.intent} → ${summary.department} (${percent(summary.confidence)})`,
        summary.priority,
        ms(summary.latencyMs),
      ].join(' · ')}
      ${summary.ticketId ? html` · ticket <code>${summary.ticketId}</code>` : null}
    </p>
    ${error ? html`<p class="error-text" role="alert">${error}</p>` : null}
    ${
      result
        ? html`<h3>Answer</h3>
            <blockquote class="answer" data-answer>${result.response}</blockquote>`
        : error
          ? null
          : html`<p class="muted">Loading…</p>`
    }
    ${
      entries.length > 0
        ? html`<h3>Trail</h3>
            <ol class="trail">
              ${entries.map(
                (entry) =>
                  html`<li key=${entry.seq} class=${entry.queryId === summary.queryId ? 'mine' : 'other'}>
                    <span class="muted num">${time(entry.at)}</span>
                    <strong>${entry.by}</strong> ${describeEntry(entry)}
                  </li>`,
              )}
            </ol>`
        : null
    }
    <form class="row" onSubmit=${correct}>
      <label for="correct-intent">Correct intent</label>
      <input
        id="correct-intent"
        list="known-intents"
        required
        value=${intent}
        placeholder=${summary.intent}
        onInput=${(event: Event) => setIntent((event.currentTarget as HTMLInputElement).value)}
      />
      <datalist id="known-intents">${intents.map((name) => html`<option value=${name}></option>`)}</datalist>
      <button type="submit" disabled=${sending}>Send correction</button>
    </form>
    ${outcome ? html`<p role="status">${outcome}</p>` : null}
  </section>`;
}
