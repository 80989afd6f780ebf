import { useCallback, useRef, useState } from 'preact/hooks';
import { AgentsPanel } from './agents-panel.js';
import { ConfirmDialog, type PendingConfirm } from './confirm-dialog.js';
import { CredentialsForm } from './credentials-form.js';
import { loadCredentials, saveCredentials, type Credentials } from './credentials.js';
import { FeedBadge } from './feed-badge.js';
import { html } from './html.js';
import { LatestNotice, Notices } from './notices.js';
import { QueriesPanel } from './queries-panel.js';
import { QueryDetail } from './query-detail.js';
import type { SseMessage } from './sse-parser.js';
import { TicketsPanel } from './tickets-panel.js';
import { TrafficPanel } from './traffic-panel.js';
import { TryIt } from './try-it.js';
import type {
  ConsoleEvent,
  LlmHealth,
  Notice,
  QuerySummary,
  TicketQueueView,
  TrafficPoint,
} from './types.js';
import { useFeed } from './use-feed.js';

const WINDOW_POINTS = 300;
const LISTED_QUERIES = 100;
const NOTICES = 20;

function mergePoints(current: TrafficPoint[], incoming: TrafficPoint[]): TrafficPoint[] {
  const byTime = new Map(current.map((p) => [p.at, p]));
  for (const point of incoming) byTime.set(point.at, point);
  return [...byTime.values()].sort((a, b) => a.at - b.at).slice(-WINDOW_POINTS);
}

function mergeQueries(current: QuerySummary[], incoming: QuerySummary[]): QuerySummary[] {
  const fresh = incoming.filter((q) => !current.some((c) => c.queryId === q.queryId));
  return [...fresh, ...current].slice(0, LISTED_QUERIES);
}

export function App() {
  const [credentials, setCredentials] = useState<Credentials>(loadCredentials);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [pending, setPending] = useState<PendingConfirm | undefined>(undefined);
  const [points, setPoints] = useState<TrafficPoint[]>([]);
  const [queries, setQueries] = useState<QuerySummary[]>([]);
  const [selected, setSelected] = useState<QuerySummary | undefined>(undefined);
  const [tickets, setTickets] = useState<TicketQueueView | undefined>(undefined);
  const [llm, setLlm] = useState<LlmHealth | null | undefined>(undefined);
  const nextNotice = useRef(1);

  const notify = useCallback((ok: boolean, text: string) => {
    const notice: Notice = { id: nextNotice.current++, ok, text, at: new Date() };
    setNotices((list) => [notice, ...list].slice(0, NOTICES));
  }, []);

  const confirm = useCallback(
    (question: string, action: string) =>
      new Promise<boolean>((resolve) => {
        setPending({
          question,
          action,
          answer: (yes) => {
            setPending(undefined);
            resolve(yes);
          },
        });
      }),
    [],
  );

  const onConsole = useCallback(({ data }: SseMessage) => {
    const event = JSON.parse(data) as ConsoleEvent;
    if (event.type === 'tickets') {
      setTickets({ assigned: event.assigned, open: event.open });
      return;
    }
    setLlm(event.llm);
    if (event.type === 'snapshot') {
      setPoints(event.traffic.slice(-WINDOW_POINTS));
      setQueries(event.queries.slice(0, LISTED_QUERIES));
      return;
    }
    if (event.traffic.length > 0) setPoints((current) => mergePoints(current, event.traffic));
    if (event.queries.length > 0) setQueries((current) => mergeQueries(current, event.queries));
  }, []);
  const feed = useFeed('/v1/console/stream', credentials, onConsole);

  const save = (next: Credentials) => {
    saveCredentials(next);
    setCredentials(next);
    notify(true, 'Credentials set for this tab');
  };

  const props = { credentials, notify, confirm };
  const intents = [...new Set(queries.map((q) => q.intent))].sort();
  const customers = [...new Set(['CUST001', ...queries.map((q) => q.customerId)])].sort();
  return html`
    <header class="top">
      <div class="row">
        <h1>swarmdesk console</h1>
        <${FeedBadge} ...${feed} />
      </div>
      <${CredentialsForm} credentials=${credentials} save=${save} />
    </header>
    <main class="grid">
      <${TrafficPanel} points=${points} llm=${llm} />
      <${AgentsPanel} ...${props} />
      <${QueriesPanel} queries=${queries} selected=${selected?.queryId} open=${setSelected} />
      ${
        selected
          ? html`<${QueryDetail}
              ...${props}
              summary=${selected}
              intents=${intents}
              close=${() => setSelected(undefined)}
            />`
          : null
      }
      <${TryIt} ...${props} customers=${customers} />
      <${TicketsPanel} ...${props} pushed=${tickets} />
      <${Notices} notices=${notices} />
    </main>
    <${LatestNotice} notice=${notices[0]} />
    <${ConfirmDialog} pending=${pending} />
  `;
}
