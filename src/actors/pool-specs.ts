import type { SpecialistDepartment } from '../domain/vocabulary.js';
import type { BehaviourRef, PoolSpec } from '../runtime/index.js';
import type { ResolvedDeskOptions } from './desk-options.js';
import type { RouterConfig } from './router.js';
import type { SpecialistConfig } from './specialist.js';

export const POOL_TYPES = ['router', 'technical', 'billing', 'general', 'escalation'] as const;
export type PoolType = (typeof POOL_TYPES)[number];

const SPECIALISTS: readonly SpecialistDepartment[] = ['technical', 'billing', 'general'];

// From source (tsx, vitest) the workers import the .ts files; compiled, the .js beside this one.
const extension = import.meta.url.endsWith('.ts') ? 'ts' : 'js';

function ref(file: string, name: string): BehaviourRef {
  return { module: new URL(`./${file}.${extension}`, import.meta.url).href, export: name };
}

export const BEHAVIOURS: Record<PoolType, BehaviourRef> = {
  router: ref('router', 'routerBehaviour'),
  technical: ref('specialist', 'specialistBehaviour'),
  billing: ref('specialist', 'specialistBehaviour'),
  general: ref('specialist', 'specialistBehaviour'),
  escalation: ref('escalation', 'escalationBehaviour'),
};

/** The five pools of the swarm, configured from the desk's options. */
export function poolSpecs(
  options: ResolvedDeskOptions,
  llm: boolean,
  behaviours: Partial<Record<PoolType, BehaviourRef>> = {},
): PoolSpec[] {
  const size = (type: PoolType) => {
    const { min, max } = options.pools[type];
    return { min, max: Math.max(min, max), initial: min };
  };
  const mailbox = { capacity: options.mailboxCapacity };
  const router: RouterConfig = {
    unsureBelow: 0.45,
    specialistShare: 0.6,
    ...(options.intentModelPath ? { intentModelPath: options.intentModelPath } : {}),
    ...(options.intentMappingPath ? { intentMappingPath: options.intentMappingPath } : {}),
    ...(options.llm ? { llmThreshold: options.llm.routerThreshold } : llm ? { llmThreshold: 0.5 } : {}),
  };
  const specs: PoolSpec[] = [
    {
      type: 'router',
      behaviour: behaviours.router ?? BEHAVIOURS.router,
      config: router,
      instances: size('router'),
      mailbox,
    },
  ];
  for (const department of SPECIALISTS) {
    const config: SpecialistConfig = {
      department,
      llm,
      consultTimeoutMs: 2_000,
      ...(options.knowledgeDir ? { knowledgeDir: options.knowledgeDir } : {}),
    };
    specs.push({
      type: department,
      behaviour: behaviours[department] ?? BEHAVIOURS[department],
      config,
      instances: size(department),
      mailbox,
    });
  }
  specs.push({
    type: 'escalation',
    behaviour: behaviours.escalation ?? BEHAVIOURS.escalation,
    instances: size('escalation'),
    mailbox,
  });
  return specs;
}
