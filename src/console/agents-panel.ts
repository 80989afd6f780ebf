import { useCallback, useState } from 'preact/hooks';
import { call, describeError } from './api.js';
import { html } from './html.js';
import type { SseMessage } from './sse-parser.js';
import type { ActorStatus, PanelProps, SystemEvent } from './types.js';
import { FeedBadge } from './feed-badge.js';
import { useFeed } from './use-feed.js';

type Agents = Map<string, ActorStatus>;

function byType(agents: Agents): Map<string, ActorStatus[]> {
  const groups = new Map<string, ActorStatus[]>();
  for (const agent of agents.values()) {
    const group = groups.get(agent.type);
    if (group) group.push(agent);
    else groups.set(agent.type, [agent]);
  }
  return groups;
}

/** A pool at a glance: instances, how many are not idle, and the queue across them. */
function poolLine(members: ActorStatus[]): string {
  const depth = members.reduce((total, agent) => total + agent.mailbox.depth, 0);
  const states = new Map<string, number>();
  for (const agent of members) states.set(agent.state, (states.get(agent.state) ?? 0) + 1);
  const summary = [...states].map(([state, count]) => `${count} ${state}`).join(', ');
  return `× ${members.length} · ${summary} · ${depth} queued`;
}

function apply(agents: Agents, event: SystemEvent): Agents {
  return event.type === 'actor.status' ? new Map(agents).set(event.status.id, event.status) : agents;
}

function AgentCard({
  agent,
  busy,
  act,
}: {
  agent: ActorStatus;
  busy: boolean;
  act: (action: 'restart' | 'stop' | 'start', id: string) => void;
}) {
  const down = agent.state === 'stopped' || agent.state === 'failed';
  const { depth, capacity } = agent.mailbox;
  return html`<li class="agent" data-agent=${agent.id} data-state=${agent.state}>
    <div class="row spread">
      <span
        ><strong>${agent.id}</strong> <span class=${`state state-${agent.state}`}>${agent.state}</span></span
      >
      <span class="row tight">
        <button
          type="button"
          class="small"
          disabled=${busy}
          aria-label=${`Restart ${agent.id}`}
          onClick=${() => act('restart', agent.id)}
        >
          Restart
        </button>
        <button
          type="button"
          class="small"
          disabled=${busy || down}
          aria-label=${`Stop ${agent.id}`}
          onClick=${() => act('stop', agent.id)}
        >
          Stop
        </button>
        <button
          type="button"
          class="small"
          disabled=${busy || !down}
          aria-label=${`Start ${agent.id}`}
          onClick=${() => act('start', agent.id)}
        >
          Start
        </button>
      </span>
    </div>
    <div class="mailbox">
      <meter
        min="0"
        max=${capacity}
        high=${capacity * 0.75}
        value=${depth}
        aria-label=${`${agent.id} mailbox`}
      ></meter>
      <span class="num small">${depth}/${capacity}</span>
    </div>
    <dl class="figures small">
      <div>
        <dt>processed</dt>
        <dd>${agent.processed}</dd>
      </div>
      <div>
        <dt>failed</dt>
        <dd>${agent.failed}</dd>
      </div>
      <div>
        <dt>restarts</dt>
        <dd>${agent.restarts}</dd>
      </div>
      <div>
        <dt>thread</dt>
        <dd>${agent.thread ?? '–'}</dd>
      </div>
    </dl>
    ${
      agent.lastError
        ? html`<p class="error-text small" title=${agent.lastError.message}>
            ${agent.lastError.code}: ${agent.lastError.message}
          </p>`
        : null
    }
  </li>`;
}

function PoolScale({
  type,
  count,
  busy,
  scale,
}: {
  type: string;
  count: number;
  busy: boolean;
  scale: (type: string, instances: number, from: number) => void;
}) {
  const [wanted, setWanted] = useState(String(count));
  const id = `scale-${type}`;
  return html`<form
    class="row scale"
    onSubmit=${(event: Event) => {
      event.preventDefault();
      scale(type, Number(wanted), count);
    }}
  >
    <label for=${id}>Instances<span class="visually-hidden"> of ${type}</span></label>
    <input
      id=${id}
      type="number"
      min="0"
      max="256"
      required
      value=${wanted}
      onInput=${(event: Event) => setWanted((event.currentTarget as HTMLInputElement).value)}
    />
    <button type="submit" disabled=${busy} aria-label=${`Scale ${type}`}>Scale</button>
  </form>`;
}

const QUESTIONS: Record<'restart' | 'stop', (id: string) => [question: string, action: string]> = {
  restart: (id) => [`Restart ${id}? Work in hand goes back to its mailbox.`, 'Restart'],
  stop: (id) => [`Stop ${id}? Messages waiting in its mailbox are refused.`, 'Stop'],
};

/**
 * A restart of an idle agent takes a few milliseconds, and its `restarting` and `idle` may arrive in
 * one read of the stream: the restart is shown for this long so that an operator sees it happen.
 */
const RESTART_SHOWN_MS = 800;

function shownState(agent: ActorStatus, restarting: ReadonlySet<string>): ActorStatus {
  const settled = agent.state === 'idle' || agent.state === 'busy' || agent.state === 'starting';
  return restarting.has(agent.id) && settled ? { ...agent, state: 'restarting' } : agent;
}

/** Every agent, live from /v1/agents/stream, grouped by pool (department), with its controls. */
export function AgentsPanel({ credentials, notify, confirm }: PanelProps) {
  const [agents, setAgents] = useState<Agents>(new Map());
  const [busy, setBusy] = useState<Set<string>>(new Set());
  const [restarting, setRestarting] = useState<ReadonlySet<string>>(new Set());

  const showRestart = useCallback((id: string) => {
    setRestarting((current) => new Set(current).add(id));
    setTimeout(
      () =>
        setRestarting((current) => {
          const next = new Set(current);
          next.delete(id);
          return next;
        }),
      RESTART_SHOWN_MS,
    );
  }, []);

  const reload = useCallback(async () => {
    try {
      const { agents: list } = await call<{ agents: ActorStatus[] }>('/v1/agents', credentials);
      setAgents(new Map(list.map((agent) => [agent.id, agent])));
    } catch (error) {
      notify(false, `Reading the agents failed: ${describeError(error)}`);
    }
  }, [credentials, notify]);

  const onMessage = useCallback(
    ({ event, data }: SseMessage) => {
      if (event === 'snapshot') {
        const { agents: list } = JSON.parse(data) as { agents: ActorStatus[] };
        setAgents(new Map(list.map((agent) => [agent.id, agent])));
        return;
      }
      const change = JSON.parse(data) as SystemEvent;
      // Scaling adds and removes agents: the list itself is re-read rather than patched.
      if (change.type === 'pool.scaled' || change.type === 'actor.stopped') void reload();
      else if (change.type === 'actor.restarted') showRestart(change.id);
      else setAgents((current) => apply(current, change));
    },
    [reload, showRestart],
  );
  const feed = useFeed('/v1/agents/stream?batched=true', credentials, onMessage);

  const during = async (key: string, work: () => Promise<void>) => {
    setBusy((current) => new Set(current).add(key));
    try {
      await work();
    } finally {
      setBusy((current) => {
        const next = new Set(current);
        next.delete(key);
        return next;
      });
    }
  };

  const act = async (action: 'restart' | 'stop' | 'start', id: string) => {
    if (action !== 'start') {
      const [question, label] = QUESTIONS[action](id);
      if (!(await confirm(question, label))) return;
    }
    await during(id, async () => {
      try {
        await call(`/v1/agents/${encodeURIComponent(id)}/${action}`, credentials, {
          method: 'POST',
          admin: true,
        });
        notify(true, `${id}: ${action} done`);
      } catch (error) {
        notify(false, `${id}: ${action} failed: ${describeError(error)}`);
      }
    });
  };

  const scale = async (type: string, instances: number, from: number) => {
    if (
      instances < from &&
      !(await confirm(`Scale ${type} down from ${from} to ${instances}?`, 'Scale down'))
    ) {
      return;
    }
    await during(`pool:${type}`, async () => {
      try {
        const result = await call<{ instances: string[] }>(
          `/v1/agents/${encodeURIComponent(type)}/scale`,
          credentials,
          { method: 'POST', admin: true, body: { instances } },
        );
        notify(
          true,
          `${type} scaled to ${result.instances.length}: ${result.instances.join(', ') || 'none'}`,
        );
        await reload();
      } catch (error) {
        notify(false, `Scaling ${type} failed: ${describeError(error)}`);
      }
    });
  };

  const groups = byType(new Map([...agents].map(([id, agent]) => [id, shownState(agent, restarting)])));
  return html`<section class="panel agents" aria-labelledby="agents-title">
    <div class="row spread">
      <h2 id="agents-title">Agents</h2>
      <${FeedBadge} ...${feed} />
    </div>
    ${groups.size === 0 ? html`<p class="muted">No agents yet.</p>` : null}
    ${[...groups].map(
      ([type, members]) =>
        html`<details class="pool" open data-pool=${type}>
          <summary>
            <h3>${type}</h3>
            <span class="muted small">${poolLine(members)}</span>
          </summary>
          <${PoolScale}
            key=${`${type}:${members.length}`}
            type=${type}
            count=${members.length}
            busy=${busy.has(`pool:${type}`)}
            scale=${scale}
          />
          <ul class="agent-grid">
            ${members.map(
              (agent) =>
                html`<${AgentCard} key=${agent.id} agent=${agent} busy=${busy.has(agent.id)} act=${act} />`,
            )}
          </ul>
        </details>`,
    )}
  </section>`;
}
