import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import {
  BUILT_IN_BEHAVIOURS,
  MAX_TOOL_CALLS_DEFAULT,
  UNSURE_BELOW,
  type RouterConfig,
  type SpecialistConfig,
} from '../actors/index.js';
import { ESCALATION } from '../domain/vocabulary.js';
import type { BehaviourRef, PoolSpec } from '../runtime/index.js';
import { POOL_DEFAULTS, type ResolvedDeskOptions } from './desk-options.js';
import type { DeskDefinition } from './load-desk.js';

const ROUTER_POOL = 'router';

export interface PoolPlan {
  options: ResolvedDeskOptions;
  desk: DeskDefinition;
  /** The intent model file the routers load (the desk's, or the user's `intentModelPath`). */
  intentModelPath: string;
  intentMappingPath?: string;
  knowledgeDirs: readonly string[];
  llm: boolean;
  /** Behaviours replacing the desk's, per pool (tests of failure handling). */
  behaviours?: Partial<Record<string, BehaviourRef>>;
}

/** The pools of a desk: a router, one specialist pool per department, and escalation. */
export function poolTypes(desk: DeskDefinition): string[] {
  return [ROUTER_POOL, ...Object.keys(desk.departments), ESCALATION];
}

function departmentBehaviour(desk: DeskDefinition, department: string): BehaviourRef {
  const entry = desk.departments[department];
  const module = entry?.value.behaviour;
  if (!entry || module === undefined) return BUILT_IN_BEHAVIOURS.specialist;
  return {
    module: pathToFileURL(resolve(entry.deskDir, module)).href,
    export: entry.value.export ?? 'default',
  };
}

/** The desk's pools, configured from its options and its departments. */
export function poolSpecs(plan: PoolPlan): PoolSpec[] {
  const { options, desk, behaviours = {} } = plan;
  const size = (type: string, fallback: { min: number; max: number }) => {
    const { min, max } = options.pools[type] ?? desk.departments[type]?.value.instances ?? fallback;
    return { min, max: Math.max(min, max), initial: min };
  };
  const mailbox = { capacity: options.mailboxCapacity };
  const router: RouterConfig = {
    unsureBelow: UNSURE_BELOW,
    specialistShare: 0.6,
    joinDepartmentParts: plan.llm,
    intentModelPath: plan.intentModelPath,
    ...(plan.intentMappingPath ? { intentMappingPath: plan.intentMappingPath } : {}),
    ...(options.llm ? { llmThreshold: options.llm.routerThreshold } : plan.llm ? { llmThreshold: 0.5 } : {}),
  };
  const specs: PoolSpec[] = [
    {
      type: ROUTER_POOL,
      behaviour: behaviours[ROUTER_POOL] ?? BUILT_IN_BEHAVIOURS.router,
      config: router,
      instances: size(ROUTER_POOL, POOL_DEFAULTS.router),
      mailbox,
    },
  ];
  for (const department of Object.keys(desk.departments)) {
    const config: SpecialistConfig = {
      department,
      llm: plan.llm,
      consultTimeoutMs: 2_000,
      maxToolCalls: options.llm?.maxToolCalls ?? MAX_TOOL_CALLS_DEFAULT,
      knowledgeDirs: [...plan.knowledgeDirs],
    };
    specs.push({
      type: department,
      behaviour: behaviours[department] ?? departmentBehaviour(desk, department),
      config,
      instances: size(department, POOL_DEFAULTS.department),
      mailbox,
    });
  }
  specs.push({
    type: ESCALATION,
    behaviour: behaviours[ESCALATION] ?? BUILT_IN_BEHAVIOURS.escalation,
    instances: size(ESCALATION, POOL_DEFAULTS.escalation),
    mailbox,
  });
  return specs;
}
