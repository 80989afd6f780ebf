import { slowClientRound } from '../../src/testing/index.js';
import { queryBodySequence } from '../lib/messages.js';
import { progress } from '../lib/report.js';
import { startSwarmdesk } from './pipeline.js';

export interface SoakReport {
  rounds: number;
  /** RSS of the server process (its own /metrics) once ready, in MB. */
  startMb: number;
  /** After the queries that fill the memory stores to their caps, in MB. */
  filledMb: number;
  /** After the warm-up round that follows, in MB. */
  baselineMb: number;
  /** After each later round, in MB. */
  afterRoundMb: number[];
  /** The largest reading over the baseline, in percent. */
  growthPercent: number;
  webSocketsClosed: number;
  connectionsEnded: number;
}

const MIX = { webSockets: 5, agentStreams: 5, queryStreams: 5, slowHeaders: 5, slowBodies: 5 };
/** Past the memory stores' default caps (10,000 conversations and 10,000 results), each query a new conversation. */
const FILL_QUERIES = 10_500;
const FILL_CONNECTIONS = 50;

/**
 * Fills the stores to their caps, where a long-running server's stores are: until then every round's
 * answered queries add results (about 1,300 a round), and the RSS grows with them, bounded but not flat.
 */
async function fillStores(url: string): Promise<void> {
  const nextBody = queryBodySequence();
  let left = FILL_QUERIES;
  await Promise.all(
    Array.from({ length: FILL_CONNECTIONS }, async () => {
      while (left-- > 0) {
        const response = await fetch(`${url}/v1/queries`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: nextBody(),
        });
        if (!response.ok) throw new Error(`filling the stores: HTTP ${response.status}`);
        await response.arrayBuffer();
      }
    }),
  );
}

async function serverRssMb(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const match = /^swarmdesk_process_resident_memory_bytes (\d+(\.\d+)?(e\+\d+)?)$/m.exec(text);
  return match ? Math.round(Number(match[1]) / 1e5) / 10 : Number.NaN;
}

/**
 * Scenario 9: slow and non-reading clients of every kind (HTTP headers and bodies that never finish,
 * agent and query SSE streams never read, WebSockets that send and never read) against a real
 * swarmdesk process, round after round for `durationSeconds`, once its memory stores are full and one
 * round has warmed it up. The server must end each of them and keep its RSS flat (the test suite runs a
 * short in-process version of this).
 */
export async function soakScenario(durationSeconds: number): Promise<SoakReport> {
  const desk = await startSwarmdesk({
    SWARM_RATE_LIMIT: 'off',
    SWARM_HEADERS_TIMEOUT_MS: '1000',
    SWARM_REQUEST_TIMEOUT_MS: '1000',
  });
  try {
    const startMb = await serverRssMb(desk.url);
    progress(`soak: filling the memory stores (${FILL_QUERIES} queries)`);
    await fillStores(desk.url);
    const filledMb = await serverRssMb(desk.url);
    progress('soak: warm-up round');
    await slowClientRound(desk.url, MIX, { webSocketFrames: 8_000, unreadMs: 11_000, timeoutMs: 40_000 });
    const baselineMb = await serverRssMb(desk.url);
    const afterRoundMb: number[] = [];
    let webSocketsClosed = 0;
    let connectionsEnded = 0;
    const end = Date.now() + durationSeconds * 1000;
    while (Date.now() < end) {
      progress(`soak: round ${afterRoundMb.length + 1}`);
      const round = await slowClientRound(desk.url, MIX, {
        webSocketFrames: 8_000,
        unreadMs: 11_000,
        timeoutMs: 40_000,
      });
      webSocketsClosed += round.webSocketsClosed;
      connectionsEnded += round.connectionsEnded;
      afterRoundMb.push(await serverRssMb(desk.url));
    }
    const growthPercent = Math.round((Math.max(...afterRoundMb) / baselineMb - 1) * 1000) / 10;
    return {
      rounds: afterRoundMb.length,
      startMb,
      filledMb,
      baselineMb,
      afterRoundMb,
      growthPercent,
      webSocketsClosed,
      connectionsEnded,
    };
  } finally {
    await desk.stop();
  }
}
