import type { OpenAPIHono } from '@hono/zod-openapi';
import { DEPARTMENT_NAME, ESCALATION } from '../../domain/vocabulary.js';
import type { AppEnv } from '../env.js';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

interface Operation {
  summary?: string;
  description?: string;
}

/** A static page listing the endpoints from the OpenAPI document itself: no CDN, works offline. */
function renderDocsPage(
  title: string,
  version: string,
  paths: Record<string, Partial<Record<string, Operation>>>,
): string {
  const rows = Object.entries(paths)
    .flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((m) => {
        const op = item[m] ?? {};
        return `<tr><td><code>${m.toUpperCase()}</code></td><td><code>${escapeHtml(path)}</code></td><td>${escapeHtml(op.summary ?? '')}${
          op.description ? `<br><small>${escapeHtml(op.description)}</small>` : ''
        }</td></tr>`;
      }),
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} API</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}td{padding:.35rem .6rem;vertical-align:top;border-bottom:1px solid #ddd}code{white-space:nowrap}</style>
</head><body>
<h1>${escapeHtml(title)} API <small>${escapeHtml(version)}</small></h1>
<p>The machine-readable contract is <a href="/openapi.json">/openapi.json</a>.</p>
<table><thead><tr><th>Method</th><th>Path</th><th>What it does</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>`;
}

const OPENAPI_INFO = { title: 'swarmdesk', version: '1.0.0' } as const;

/**
 * The department names in the document are the served desk's: every schema of a department name
 * (the `Department` pattern) lists them as its enum, so generated clients know them.
 */
function withDepartments(node: unknown, names: readonly string[]): unknown {
  if (Array.isArray(node)) return node.map((item) => withDepartments(item, names));
  if (typeof node !== 'object' || node === null) return node;
  const entries = Object.entries(node).map(([key, value]) => [key, withDepartments(value, names)] as const);
  const schema = Object.fromEntries(entries) as Record<string, unknown>;
  return schema['type'] === 'string' && schema['pattern'] === DEPARTMENT_PATTERN
    ? { ...schema, enum: [...names, ESCALATION] }
    : schema;
}

const DEPARTMENT_PATTERN = DEPARTMENT_NAME.source;

export function docsRoutes(api: OpenAPIHono<AppEnv>, departments: readonly string[]) {
  api.get('/openapi.json', (c) =>
    c.json(
      withDepartments(
        api.getOpenAPIDocument({
          openapi: '3.0.3',
          info: { ...OPENAPI_INFO, description: 'The swarmdesk HTTP API (v1).' },
        }),
        departments,
      ) as Record<string, unknown>,
    ),
  );
  api.get('/docs', (c) => {
    const document = api.getOpenAPIDocument({ openapi: '3.0.3', info: OPENAPI_INFO });
    return c.html(
      renderDocsPage(
        OPENAPI_INFO.title,
        OPENAPI_INFO.version,
        document.paths as Record<string, Partial<Record<string, Operation>>>,
      ),
    );
  });
}
