import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, describeError, stream } from './api.js';
import type { Credentials } from './credentials.js';
import type { SseMessage } from './sse-parser.js';

export type FeedState = 'connecting' | 'live' | 'retrying' | 'refused';

const RETRY_MS = [500, 1000, 2000, 5000, 10_000];

/**
 * Holds an SSE feed open, reconnecting with backoff when it drops. A refusal (401, 403) waits for
 * other credentials instead of retrying the same ones.
 */
export function useFeed(
  path: string,
  credentials: Credentials,
  onMessage: (message: SseMessage) => void,
): { state: FeedState; error: string | undefined } {
  const [state, setState] = useState<FeedState>('connecting');
  const [error, setError] = useState<string | undefined>(undefined);
  const handler = useRef(onMessage);
  handler.current = onMessage;

  useEffect(() => {
    const abort = new AbortController();
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const connect = async () => {
      setState(attempt === 0 ? 'connecting' : 'retrying');
      try {
        await stream(
          path,
          credentials,
          (message) => {
            attempt = 0;
            setState('live');
            setError(undefined);
            handler.current(message);
          },
          { signal: abort.signal },
        );
        if (abort.signal.aborted) return;
        setError('the feed ended');
      } catch (failure) {
        if (abort.signal.aborted) return;
        setError(describeError(failure));
        if (failure instanceof ApiError && (failure.status === 401 || failure.status === 403)) {
          setState('refused');
          return;
        }
      }
      setState('retrying');
      timer = setTimeout(connect, RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)]);
    };
    void connect();
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [path, credentials.apiKey]);

  return { state, error };
}
