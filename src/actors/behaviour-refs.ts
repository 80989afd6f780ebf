import type { BehaviourRef } from '../runtime/index.js';

// From source (tsx, vitest) the workers import the .ts files; compiled, the .js beside this one.
const extension = import.meta.url.endsWith('.ts') ? 'ts' : 'js';

function ref(file: string, name: string): BehaviourRef {
  return { module: new URL(`./${file}.${extension}`, import.meta.url).href, export: name };
}

/** Where the worker threads find the shipped behaviours. */
export const BUILT_IN_BEHAVIOURS = {
  router: ref('router', 'routerBehaviour'),
  specialist: ref('specialist', 'specialistBehaviour'),
  escalation: ref('escalation', 'escalationBehaviour'),
} as const satisfies Record<string, BehaviourRef>;
