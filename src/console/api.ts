import type { Credentials } from './credentials.js';
import { createSseParser, type SseMessage } from './sse-parser.js';

/** An error answered by the API (`{ error: { code, message } }`) or a failure to reach it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface CallOptions {
  method?: 'GET' | 'POST' | 'PATCH';
  body?: unknown;
  /** Agent control: sends the admin token instead of the API key. */
  admin?: boolean;
  accept?: string;
  signal?: AbortSignal;
}

function headersFor(credentials: Credentials, options: CallOptions): Record<string, string> {
  const headers: Record<string, string> = { accept: options.accept ?? 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const token = options.admin ? credentials.adminToken : credentials.apiKey;
  if (token) headers.authorization = `Bearer ${token}`;
  return headers;
}

async function toApiError(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    return new ApiError(
      response.status,
      body.error?.code ?? `HTTP_${response.status}`,
      body.error?.message ?? response.statusText,
    );
  } catch {
    return new ApiError(response.status, `HTTP_${response.status}`, response.statusText);
  }
}

async function send(path: string, credentials: Credentials, options: CallOptions): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers: headersFor(credentials, options),
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, 'NETWORK', 'the server cannot be reached');
  }
  if (!response.ok) throw await toApiError(response);
  return response;
}

export async function call<T>(path: string, credentials: Credentials, options: CallOptions = {}): Promise<T> {
  return (await (await send(path, credentials, options)).json()) as T;
}

/**
 * Reads an SSE response message by message until it ends or `signal` aborts. Errors before the
 * stream starts (401, 409, 503) are thrown as ApiError like any call.
 */
export async function stream(
  path: string,
  credentials: Credentials,
  onMessage: (message: SseMessage) => void,
  options: CallOptions = {},
): Promise<void> {
  const response = await send(path, credentials, { ...options, accept: 'text/event-stream' });
  if (!response.body) throw new ApiError(response.status, 'NO_BODY', 'the response has no body');
  const parse = createSseParser(onMessage);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      parse(value);
    }
  } finally {
    reader.releaseLock();
  }
}

export function describeError(error: unknown): string {
  if (error instanceof ApiError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
