import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.js';
import { NotFoundError } from '../errors.js';

/** Swagger UI's prebuilt files served from its package: no CDN, works offline. */
const ASSETS: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

/** A day: the files change only with the package, and a redeploy is rare next to page loads. */
const ASSET_CACHE = 'public, max-age=86400';

/**
 * Relative URLs, so the page works behind a proxy that mounts the server under a prefix. No validator
 * (Swagger UI would send the document to validator.swagger.io), and no inline script.
 */
const INIT = `window.ui = SwaggerUIBundle({
  url: 'openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
});
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>swarmdesk API</title>
<link rel="stylesheet" href="docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="docs/assets/swagger-ui-bundle.js"></script>
<script src="docs/assets/init.js"></script>
</body>
</html>
`;

function assetDirectory(): string {
  return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

/** `/docs`: the OpenAPI document rendered by Swagger UI, with schemas, examples and try-it. */
export function docsRoutes(api: OpenAPIHono<AppEnv>) {
  const loaded = new Map<string, Promise<Buffer>>();
  let directory: string | undefined;
  const load = (file: string) => {
    directory ??= assetDirectory();
    let content = loaded.get(file);
    if (!content) {
      content = readFile(join(directory, file));
      loaded.set(file, content);
    }
    return content;
  };

  api.get('/docs', (c) => c.html(PAGE));
  api.get('/docs/assets/init.js', (c) =>
    c.body(INIT, 200, { 'Content-Type': ASSETS['swagger-ui-bundle.js']!, 'Cache-Control': ASSET_CACHE }),
  );
  api.get('/docs/assets/:file', async (c) => {
    const file = c.req.param('file');
    const type = ASSETS[file];
    if (type === undefined) throw new NotFoundError('NOT_FOUND', `no route GET ${c.req.path}`);
    const content = await load(file);
    return c.body(new Uint8Array(content), 200, { 'Content-Type': type, 'Cache-Control': ASSET_CACHE });
  });
}
