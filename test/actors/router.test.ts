import { describe, expect, it } from 'vitest';
import type { EscalationRequested } from '../../src/actors/escalation-messages.js';
import { routerBehaviour, type RouterState } from '../../src/actors/router.js';
import type { RouteContext, RouteOutcome, RouteRequested } from '../../src/actors/router-messages.js';
import type { AnswerReply, AnswerRequested } from '../../src/actors/specialist-messages.js';
import type { StreamEvent } from '../../src/domain/query.js';
import type { ClassifyRequest } from '../../src/llm/index.js';
import {
  ActorNotFoundError,
  AskTimeoutError,
  BehaviourError,
  type AskOptions,
} from '../../src/runtime/index.js';
import { fakeContext } from './support/fake-context.js';
import { demoModel } from '../support/demo-desk.js';

const NO_USAGE = { llmCalls: 0, promptTokens: 0, completionTokens: 0 };
const empty: RouteContext = {
  state: { attempts: 0, triedAgents: [], escalated: false },
  entries: [],
  customer: null,
};

function message(text: string, context: RouteContext = empty, department?: string): RouteRequested {
  return {
    type: 'support.route.requested',
    queryId: 'q1',
    conversationId: 'c1',
    customerId: 'CUST005',
    ...(department === undefined ? {} : { department }),
    text,
    at: '2026-11-25T12:00:00.000Z',
    budgetMs: 5_000,
    stream: true,
    context,
  };
}

const answered = (
  agent: string,
  text = `answer by ${agent}`,
  articleId = `article-of-${agent}`,
): AnswerReply => ({
  outcome: 'answered',
  agent,
  text,
  core: text,
  streamed: false,
  articleId,
  facts: [],
  usage: NO_USAGE,
  llmMs: 0,
});

const escalated = {
  agent: 'escalation-1',
  ticketId: 'T-1',
  dueBy: '2026-11-25T14:00:00.000Z',
  text: 'handed over',
  core: 'handed over',
};

type Asker = (target: string, message: unknown, options: AskOptions | undefined) => unknown;

async function route(
  text: string,
  ask: Asker,
  extra: {
    config?: unknown;
    call?: (service: string, method: string, args: unknown[]) => unknown;
    department?: string;
    context?: RouteContext;
  } = {},
) {
  const fake = fakeContext({
    id: 'router-1',
    config: { intentModelPath: demoModel().file, ...(extra.config ?? {}) },
    ask,
    call: (service, method, args) => extra.call?.(service, method, args),
  });
  const state = (await routerBehaviour.init(fake.ctx)) as RouterState;
  const step = await routerBehaviour.receive(state, message(text, extra.context, extra.department), fake.ctx);
  const outcome = (await step.reply) as RouteOutcome;
  return {
    ...fake,
    result: outcome.result,
    trail: outcome.trail,
    events: fake.emitted.map((e) => e.event as StreamEvent),
  };
}

describe('router agent', () => {
  it('routes, emits `routed`, and returns the whole trail for the desk to write', async () => {
    const { result, trail, events, asked } = await route('How do I reset my password?', (target) =>
      answered(`${target}-1`),
    );
    expect(asked.map((a) => a.target)).toEqual(['technical']);
    expect(asked[0]?.options).toMatchObject({ key: 'c1' });
    expect(result).toMatchObject({
      department: 'technical',
      intent: 'password_reset',
      assignedAgent: 'technical-1',
      escalated: false,
    });
    expect(events[0]).toMatchObject({ type: 'routed', department: 'technical' });
    expect(trail.entries.map((e) => e.kind)).toEqual(['message', 'intent', 'fact', 'fact', 'answer']);
  });

  it('fans a multi-intent message out to every department in parallel', async () => {
    const pending: Array<() => void> = [];
    let bothAsked: () => void = () => {};
    const asked = new Promise<void>((resolve) => (bothAsked = resolve));
    const routing = route('The app crashes when I open my invoice, and I was charged twice', (target) => {
      return new Promise((resolve) => {
        pending.push(() => resolve(answered(`${target}-1`)));
        if (pending.length === 2) bothAsked();
      });
    });
    await asked;
    for (const finish of pending) finish();
    const { result } = await routing;
    expect(result.departments).toEqual(expect.arrayContaining(['technical', 'billing']));
    expect(result.parts.map((p) => p.agent).sort()).toEqual(['billing-1', 'technical-1']);
  });

  it('answers two parts that lead to the same article once, as one need', async () => {
    const { result } = await route(
      'The app crashes when I open my invoice, and I was charged twice',
      (target) => answered(`${target}-1`, `answer by ${target}`, 'the-same-article'),
    );
    expect(result.parts).toHaveLength(1);
    expect(result.response).toBe(result.parts[0]?.response);
  });

  it('streams the whole response, and only it, when the specialists do not stream', async () => {
    const { result, events } = await route(
      'The app crashes when I open my invoice, and I was charged twice',
      (target) => answered(`${target}-1`),
    );
    const tokens = events.flatMap((event) =>
      (event as { type: string }).type === 'token' ? [(event as { delta: string }).delta] : [],
    );
    expect(tokens.join('')).toBe(result.response);
  });

  it('follows a handoff to the right department and keeps it in the trail', async () => {
    const { result, events, trail } = await route('How do I reset my password?', (target) =>
      target === 'technical'
        ? {
            outcome: 'handoff',
            agent: 'technical-1',
            to: 'billing',
            reason: 'not mine',
            usage: NO_USAGE,
            llmMs: 0,
          }
        : answered('billing-2'),
    );
    expect(result).toMatchObject({ department: 'billing', assignedAgent: 'billing-2' });
    expect(result.handoffs).toEqual([
      expect.objectContaining({ from: 'technical-1', to: 'billing', reason: 'not mine' }),
    ]);
    expect(events.some((e) => e.type === 'handoff')).toBe(true);
    expect(trail.entries.some((e) => e.kind === 'handoff')).toBe(true);
  });

  it('escalates after three handoffs', async () => {
    const { result, asked } = await route('How do I reset my password?', (target, msg) => {
      if (target === 'escalation') return escalated;
      const hops = (msg as AnswerRequested).hops;
      return {
        outcome: 'handoff',
        agent: `${target}-1`,
        to: hops % 2 === 0 ? 'billing' : 'technical',
        reason: 'ping-pong',
        usage: NO_USAGE,
        llmMs: 0,
      };
    });
    expect(asked.filter((a) => a.target !== 'escalation')).toHaveLength(4);
    expect(result.handoffs).toHaveLength(4);
    expect(result.handoffs.at(-1)?.to).toBe('escalation');
    expect((asked.at(-1)?.message as EscalationRequested).reasons).toEqual(['handoff_limit']);
    expect(result).toMatchObject({ escalated: true, ticketId: 'T-1', department: 'escalation' });
  });

  it('turns a failing specialist into an escalation, not a lost query', async () => {
    const { result, asked } = await route('How do I reset my password?', (target) => {
      if (target === 'escalation') return escalated;
      throw new BehaviourError(`${target}-1`, { code: 'ERROR', message: 'boom' });
    });
    expect((asked.at(-1)?.message as EscalationRequested).reasons).toEqual(['specialist_failed']);
    expect(result).toMatchObject({ escalated: true, response: 'handed over' });
  });

  it('escalates a part whose specialist does not answer in time', async () => {
    const { result, asked } = await route('How do I reset my password?', (target) => {
      if (target === 'escalation') return escalated;
      throw new AskTimeoutError(target, 3_000);
    });
    expect((asked.at(-1)?.message as EscalationRequested).reasons).toEqual(['timeout']);
    expect(result.escalated).toBe(true);
  });

  it('falls back to the department’s pool when the sticky instance is gone', async () => {
    const followUp: RouteContext = {
      state: {
        attempts: 0,
        triedAgents: [],
        escalated: false,
        department: 'technical',
        intent: 'login_problem',
        assignedAgent: 'technical-9',
      },
      entries: [],
      customer: null,
    };
    const fake = fakeContext({
      id: 'router-1',
      config: { intentModelPath: demoModel().file },
      ask: (target) => {
        if (target === 'technical-9') throw new ActorNotFoundError(target);
        return answered('technical-1');
      },
    });
    const state = (await routerBehaviour.init(fake.ctx)) as RouterState;
    const step = await routerBehaviour.receive(
      state,
      message('How do I export my data to CSV?', followUp),
      fake.ctx,
    );
    const { result } = (await step.reply) as RouteOutcome;
    expect(fake.asked.map((a) => a.target)).toEqual(['technical-9', 'technical']);
    expect(result.assignedAgent).toBe('technical-1');
  });

  it('asks the LLM to classify only when the local model is unsure, and keeps the local result on null', async () => {
    const calls: string[] = [];
    const sure = await route('How do I reset my password?', (target) => answered(`${target}-1`), {
      config: { intentModelPath: demoModel().file, llmThreshold: 0.5 },
      call: (_s, method) => {
        calls.push(method);
        return null;
      },
    });
    expect(calls).toEqual([]);
    expect(sure.result.intent).toBe('password_reset');

    const unsure = await route('How do I reset my password?', (target) => answered(`${target}-1`), {
      config: { intentModelPath: demoModel().file, llmThreshold: 1 },
      call: (_s, method) => {
        calls.push(method);
        return null;
      },
    });
    expect(calls).toEqual(['classify']);
    expect(unsure.result.intent).toBe('password_reset');
  });

  it('asks the customer, not the LLM, about a message with no topic', async () => {
    const calls: string[] = [];
    const { result } = await route('I have a problem', (target) => answered(`${target}-1`), {
      config: { intentModelPath: demoModel().file, llmThreshold: 1 },
      call: (_s, method) => {
        calls.push(method);
        return null;
      },
    });
    expect(calls).toEqual([]);
    expect(result.escalated).toBe(false);
    expect(result.suggestions.length).toBeGreaterThanOrEqual(2);
  });

  it('routes on a sure LLM classification of a message the local model had rejected', async () => {
    const { result } = await route(
      "I'd like to know whether anyone at your company can read my notes.",
      (target) => answered(`${target}-1`),
      {
        config: { intentModelPath: demoModel().file, llmThreshold: 0.5 },
        call: () => ({
          intent: 'data_protection',
          department: 'general',
          confidence: 0.9,
          usage: { promptTokens: 50, completionTokens: 3 },
          latencyMs: 7,
        }),
      },
    );
    expect(result).toMatchObject({ intent: 'data_protection', department: 'general', suggestions: [] });
  });

  it('uses the LLM classification when it answers', async () => {
    const { result } = await route('How do I reset my password?', (target) => answered(`${target}-1`), {
      config: { intentModelPath: demoModel().file, llmThreshold: 1 },
      call: () => ({
        intent: 'invoice_request',
        department: 'billing',
        confidence: 0.8,
        usage: { promptTokens: 50, completionTokens: 3 },
        latencyMs: 7,
      }),
    });
    expect(result).toMatchObject({
      intent: 'invoice_request',
      department: 'billing',
      usage: { llmCalls: 1, promptTokens: 50 },
    });
    expect(result.timings.llmMs).toBe(7);
  });

  describe('with the department pinned (a swarmdesk/<department> model)', () => {
    const billingWords = 'I was charged twice for my subscription';

    it('sends the message to that department’s specialist, with one of its intents, never handed off', async () => {
      const { result, asked, events } = await route(billingWords, (target) => answered(`${target}-1`), {
        department: 'technical',
      });
      expect(asked.map((a) => a.target)).toEqual(['technical']);
      const request = asked[0]?.message as AnswerRequested;
      expect(request).toMatchObject({ department: 'technical', pinned: true, text: billingWords });
      expect(demoModel().model.departmentOf(request.intent)).toBe('technical');
      expect(result).toMatchObject({
        department: 'technical',
        assignedAgent: 'technical-1',
        escalated: false,
      });
      expect(events[0]).toMatchObject({ type: 'routed', department: 'technical' });
    });

    it('keeps the intent the model found when it is the pinned department’s', async () => {
      const { asked } = await route(billingWords, (target) => answered(`${target}-1`), {
        department: 'billing',
      });
      expect(asked[0]?.message).toMatchObject({
        department: 'billing',
        intent: 'double_charge',
        pinned: true,
      });
    });

    it('asks the LLM to choose among the pinned department’s intents only', async () => {
      const requests: ClassifyRequest[] = [];
      const { asked } = await route(billingWords, (target) => answered(`${target}-1`), {
        department: 'technical',
        config: { intentModelPath: demoModel().file, llmThreshold: 0.5 },
        call: (_service, _method, args) => {
          requests.push(args[0] as ClassifyRequest);
          return {
            intent: 'app_crash',
            department: 'technical',
            confidence: 0.7,
            usage: { promptTokens: 40, completionTokens: 2 },
            latencyMs: 3,
          };
        },
      });
      expect(requests).toHaveLength(1);
      const departments = new Set(requests[0]?.candidates.map((candidate) => candidate.department));
      expect(departments).toEqual(new Set(['technical']));
      expect(asked[0]?.message).toMatchObject({ department: 'technical', intent: 'app_crash' });
    });

    it('still escalates when the customer asks for a person', async () => {
      const { result, asked } = await route(
        'I want to talk to a human about my invoice',
        (target) => (target === 'escalation' ? escalated : answered(`${target}-1`)),
        { department: 'technical' },
      );
      expect(asked.map((a) => a.target)).toEqual(['technical', 'escalation']);
      expect((asked.at(-1)?.message as EscalationRequested).reasons).toContain('human_requested');
      expect(result.escalated).toBe(true);
    });

    it('escalates when its specialist cannot help', async () => {
      const { result, asked } = await route(
        'How do I reset my password?',
        (target) =>
          target === 'escalation'
            ? escalated
            : {
                outcome: 'escalate',
                agent: `${target}-1`,
                reason: 'no_answer',
                noArticle: true,
                usage: NO_USAGE,
                llmMs: 0,
              },
        { department: 'technical' },
      );
      expect(asked.map((a) => a.target)).toEqual(['technical', 'escalation']);
      expect((asked.at(-1)?.message as EscalationRequested).reasons).toEqual(['no_answer']);
      expect(result).toMatchObject({ escalated: true, ticketId: 'T-1' });
    });

    it('routes a follow-up to the pinned department, not the conversation’s specialist in another', async () => {
      const inBilling: RouteContext = {
        state: {
          attempts: 0,
          triedAgents: [],
          escalated: false,
          department: 'billing',
          intent: 'double_charge',
          assignedAgent: 'billing-3',
        },
        entries: [],
        customer: null,
      };
      const { asked } = await route('and it still does not work', (target) => answered(`${target}-1`), {
        department: 'technical',
        context: inBilling,
      });
      expect(asked.map((a) => a.target)).toEqual(['technical']);
    });
  });
});
