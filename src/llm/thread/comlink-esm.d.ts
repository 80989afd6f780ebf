// comlink ships its ES modules without `.d.mts` declarations; these name the ESM entry points after
// the package's own types, so the ES build is imported (its UMD main has no named ESM exports).
declare module 'comlink/dist/esm/comlink.mjs' {
  export * from 'comlink';
}

declare module 'comlink/dist/esm/node-adapter.mjs' {
  import type { Endpoint } from 'comlink';
  import type { MessagePort, Worker } from 'node:worker_threads';
  export default function nodeEndpoint(endpoint: MessagePort | Worker): Endpoint;
}
