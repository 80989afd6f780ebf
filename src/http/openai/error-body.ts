import type { MappedError } from '../error-status.js';
import type { OpenAiErrorBody } from './wire.js';

/** OpenAI's error `type` for a status, so clients raise the exception class they expect. */
function errorType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/** The first offending field of a validation error, as OpenAI names it in `param`. */
function firstField(details: Record<string, unknown> | undefined): string | null {
  const issues = details?.issues;
  if (!Array.isArray(issues)) return null;
  const field: unknown = (issues[0] as { field?: unknown } | undefined)?.field;
  return typeof field === 'string' && field !== '' ? field : null;
}

/** The same error as everywhere else (status, code, message) in OpenAI's shape. */
export function openAiErrorBody(mapped: MappedError): OpenAiErrorBody {
  return {
    error: {
      message: mapped.body.message,
      type: errorType(mapped.status),
      code: mapped.body.code,
      param: firstField(mapped.body.details),
    },
  };
}
