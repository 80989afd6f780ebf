import { html } from './html.js';
import { Chart } from './chart.js';
import type { LlmHealth, TrafficPoint } from './types.js';

function sum(points: TrafficPoint[], pick: (p: TrafficPoint) => number): number {
  return points.reduce((total, p) => total + pick(p), 0);
}

function latest(points: TrafficPoint[], pick: (p: TrafficPoint) => number | null): string {
  for (let i = points.length - 1; i >= 0; i--) {
    const value = pick(points[i] as TrafficPoint);
    if (value !== null) return `${value.toFixed(value < 10 ? 1 : 0)} ms`;
  }
  return '–';
}

const BREAKER_STATE = {
  closed: 'state-idle',
  'half-open': 'state-restarting',
  open: 'state-failed',
} as const;

/** The LLM client now: its breaker, and its calls against the limit it lets in (less when overloaded). */
function LlmFigure({ llm }: { llm: LlmHealth | null | undefined }) {
  if (llm === undefined) return html`<dd data-figure="llm">–</dd>`;
  if (llm === null)
    return html`<dd data-figure="llm" title="No LLM: answers come from the knowledge base">off</dd>`;
  const queued = llm.queued > 0 ? ` · ${llm.queued} queued` : '';
  return html`<dd data-figure="llm" title="Breaker; calls at the server / the most let in now">
    <span class=${`state ${BREAKER_STATE[llm.breaker]}`}>${llm.breaker}</span>
    ${llm.inFlight}/${llm.limit}${queued}
  </dd>`;
}

/** Queries, latency, failures, escalations and LLM tokens per second, and the LLM client now. */
export function TrafficPanel({ points, llm }: { points: TrafficPoint[]; llm: LlmHealth | null | undefined }) {
  const x = points.map((p) => p.at / 1000);
  const recent = points.slice(-10);
  return html`<section class="panel traffic" aria-labelledby="traffic-title">
    <h2 id="traffic-title">
      Traffic <span class="muted">(last ${Math.round(points.length / 60)} min)</span>
    </h2>
    <dl class="figures wide" aria-label="The last ten seconds">
      <div>
        <dt>queries/s</dt>
        <dd data-figure="qps">${(sum(recent, (p) => p.queries) / Math.max(1, recent.length)).toFixed(1)}</dd>
      </div>
      <div>
        <dt>p50</dt>
        <dd>${latest(points, (p) => p.p50Ms)}</dd>
      </div>
      <div>
        <dt>p99</dt>
        <dd>${latest(points, (p) => p.p99Ms)}</dd>
      </div>
      <div>
        <dt>failed</dt>
        <dd>${sum(recent, (p) => p.failed)}</dd>
      </div>
      <div>
        <dt>escalated</dt>
        <dd>${sum(recent, (p) => p.escalations)}</dd>
      </div>
      <div>
        <dt>LLM tokens</dt>
        <dd>${sum(recent, (p) => p.llmTokens)}</dd>
      </div>
      <div>
        <dt>LLM</dt>
        <${LlmFigure} llm=${llm} />
      </div>
    </dl>
    <div class="charts">
      <${Chart}
        title="Queries per second"
        x=${x}
        series=${[
          { label: 'answered', colorVar: '--series-1', values: points.map((p) => p.queries) },
          { label: 'failed', colorVar: '--series-bad', values: points.map((p) => p.failed) },
        ]}
      />
      <${Chart}
        title="Latency (ms)"
        x=${x}
        series=${[
          { label: 'p50', colorVar: '--series-1', values: points.map((p) => p.p50Ms) },
          { label: 'p99', colorVar: '--series-2', values: points.map((p) => p.p99Ms) },
        ]}
      />
      <${Chart}
        title="Escalations per second"
        x=${x}
        series=${[{ label: 'escalated', colorVar: '--series-2', values: points.map((p) => p.escalations) }]}
      />
      <${Chart}
        title="LLM tokens per second"
        x=${x}
        series=${[{ label: 'tokens', colorVar: '--series-3', values: points.map((p) => p.llmTokens) }]}
      />
    </div>
  </section>`;
}
