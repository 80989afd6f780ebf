import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RECORDED_ANSWERS_ENV,
  recordAnswers,
  standInBehaviours,
  type RecordedAnswer,
} from '../../bench/lib/stand-in-agents.js';
import type { Desk } from '../../src/desk/index.js';
import { specialistDepartments } from '../../src/domain/desk-profile.js';
import { startDesk } from '../desk/support/desk-harness.js';

// One answered by one department, one by two, one escalated: the three shapes of the bench's mix.
const QUERIES = [
  { customerId: 'CUST001', message: 'Kdy mi přijde faktura za tento měsíc?' },
  { customerId: 'CUST002', message: 'The app crashes when I open my invoice, and I was charged twice.' },
  { customerId: 'CUST003', message: 'I want to speak to a human, this is the third time I am writing!' },
];
const STAND_IN_MODULE = new URL('../../bench/lib/stand-in-agents.ts', import.meta.url).href;

/** How many messages each pool's agents took. */
function processedByPool(desk: Desk): Record<string, number> {
  const byPool: Record<string, number> = {};
  for (const agent of desk.agents.status()) byPool[agent.type] = (byPool[agent.type] ?? 0) + agent.processed;
  return byPool;
}

/** What the two desks' answers must share for the floor to measure the same work around the agents. */
function shape(answer: RecordedAnswer) {
  return {
    escalated: answer.result.escalated,
    parts: answer.result.parts.map(({ department, intent, agent }) => ({
      department,
      intent,
      agent: agent.replace(/-\d+$/, ''),
    })),
    // Written by the desk from the router's reply: all of it reaches the blackboard.
    trail: answer.entries.map(({ kind, by }) => ({ kind, by: by.replace(/-\d+$/, '') })),
  };
}

describe('stand-in agents (the swarm floor bench)', () => {
  let recorded: RecordedAnswer[];
  let realProcessed: Record<string, number>;
  let dir: string;
  let desk: Desk | undefined;

  beforeAll(async () => {
    const real = await startDesk();
    let departments: string[];
    try {
      recorded = await recordAnswers(real, QUERIES);
      departments = specialistDepartments(real.profile);
      realProcessed = processedByPool(real);
    } finally {
      await real.close();
    }
    dir = mkdtempSync(join(tmpdir(), 'swarmdesk-recorded-'));
    writeFileSync(join(dir, 'answers.json'), JSON.stringify(recorded));
    process.env[RECORDED_ANSWERS_ENV] = join(dir, 'answers.json');
    desk = await startDesk({}, { behaviours: standInBehaviours(STAND_IN_MODULE, departments) });
  });

  afterAll(async () => {
    await desk?.close();
    delete process.env[RECORDED_ANSWERS_ENV];
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers each query as the desk did, through the same agents, trail and ticket', async () => {
    const standIn = await recordAnswers(desk as Desk, QUERIES);
    // The same messages reached the same pools; the escalation agent is the desk's own, and opened a
    // ticket for the stand-in router's request.
    expect(processedByPool(desk as Desk)).toEqual(realProcessed);
    expect(await desk?.listTickets()).toHaveLength(1);
    expect(recorded.map((answer) => answer.result.parts.length)).toEqual([1, 2, 2]);
    expect(standIn.map(shape)).toEqual(recorded.map(shape));
    for (const [i, answer] of standIn.entries()) {
      expect(answer.entries[0]).toMatchObject({ kind: 'message', text: QUERIES[i]?.message });
    }
  });
});
