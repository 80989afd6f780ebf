/**
 * `npm run lint:openapi` (first half): writes the document `/openapi.json` serves for the demo desk,
 * taken from the app in process (no server, no desk running), to the path given, for `redocly lint`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadDesk, profileOf, type Desk } from '../src/desk/index.js';
import { createApp, createLogger, createMetrics } from '../src/http/index.js';

const target = process.argv[2];
if (!target) {
  console.error('usage: tsx scripts/write-openapi.ts <output.json>');
  process.exit(2);
}

const { desk: demo } = loadDesk('demo');
if (!demo) throw new Error('the demo desk does not load: run swarmdesk check demo');
const profile = profileOf(demo);

/** An object any use of which is a bug: routes are described when the app is built, never called here. */
function untouchable<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get: (_target, key) => {
      throw new Error(`writing the API document touched ${name}.${String(key)}`);
    },
  });
}

// The routes may keep the desk's parts (its agents) for later; only its profile (the department names
// the document lists) is read now.
const noDesk = new Proxy({} as Desk, {
  get: (_target, key) => {
    if (key === 'profile') return profile;
    if (key === 'agents') return untouchable<Desk['agents']>('desk.agents');
    throw new Error(`writing the API document touched the desk (${String(key)})`);
  },
});

const app = createApp({
  desk: noDesk,
  logger: createLogger({ level: 'silent' }),
  metrics: createMetrics({ defaultMetrics: false }),
});
const response = await app.request('/openapi.json');
if (response.status !== 200) throw new Error(`/openapi.json answered ${response.status}`);
const document: unknown = await response.json();
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
