import type { DeskObserver } from '../../desk/index.js';
import { createQueryLog, type QueryLog } from './query-log.js';
import type { RecordedTraffic } from './schemas.js';
import { createTrafficWindow, type TrafficWindow } from './traffic-window.js';

const RECORDER_DEFAULTS = {
  /** Five minutes of per-second traffic. */
  seconds: 300,
  /** The latest answered queries kept for the console's list. */
  queries: 200,
} as const;

/** What the console shows of the desk's recent work, recorded from the desk's observer hooks. */
export interface ConsoleRecorder {
  readonly traffic: TrafficWindow;
  readonly queries: QueryLog;
  /** Called by the edge's desk observer (see `createMetrics`). */
  readonly observer: Required<Pick<DeskObserver, 'queryCompleted' | 'queryFailed' | 'llmCall'>>;
  snapshot(): RecordedTraffic;
}

export function createConsoleRecorder(
  options: { seconds?: number; queries?: number; now?: () => number } = {},
): ConsoleRecorder {
  const traffic = createTrafficWindow(options.seconds ?? RECORDER_DEFAULTS.seconds, options.now ?? Date.now);
  const queries = createQueryLog(options.queries ?? RECORDER_DEFAULTS.queries);
  return {
    traffic,
    queries,
    observer: {
      queryCompleted(result) {
        traffic.queryAnswered(result.timings.totalMs, result.escalated);
        queries.add(result);
      },
      queryFailed: () => traffic.queryFailed(),
      llmCall: (record) => traffic.llmTokens(record.promptTokens + record.completionTokens),
    },
    snapshot: () => ({ traffic: traffic.points(), queries: queries.latest(50) }),
  };
}
