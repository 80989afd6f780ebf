import { describe, expect, it } from 'vitest';
import { runToolLoop, type ToolLoopInput } from '../../src/actors/tool-loop.js';
import type { AnswerRequest, AnswerResult, ToolCall } from '../../src/llm/index.js';

const usage = { promptTokens: 10, completionTokens: 2 };
const said = (text: string, toolCalls: ToolCall[] = []): AnswerResult => ({
  text,
  ...(toolCalls.length > 0 ? { toolCalls } : {}),
  usage,
  latencyMs: 5,
  guarded: false,
});
const lookup = (id: string): ToolCall => ({ id, name: 'order_status', arguments: '{"order_id":"123456"}' });

const input = (maxToolCalls: number): ToolLoopInput => ({
  request: {
    queryId: 'q-1',
    agent: 'shipping-1',
    agentType: 'shipping',
    department: 'shipping',
    language: 'en',
    question: 'Where is my order 123456?',
    customer: null,
    articles: [],
    history: [],
    stream: false,
  },
  tools: [{ name: 'order_status', description: 'Look up an order', parameters: { type: 'object' } }],
  maxToolCalls,
  context: { conversationId: 'c-1', customerId: 'CUST001', department: 'shipping' },
});

/** The `llm` and `actions` services as scripts, recording what the loop asked of them. */
function services(
  answers: Array<AnswerResult | null>,
  reply: (args: { name: string }) => { ok: boolean; code?: string; result: string; call?: unknown },
) {
  const asked: AnswerRequest[] = [];
  const called: Array<Record<string, unknown>> = [];
  const ctx = {
    async call<R>(service: string, _method: string, ...args: unknown[]): Promise<R> {
      if (service === 'llm') {
        asked.push(args[0] as AnswerRequest);
        return (answers.shift() ?? null) as R;
      }
      const request = args[0] as Record<string, unknown> & { name: string };
      called.push(request);
      return reply(request) as R;
    },
  };
  return { ctx, asked, called };
}

const ok = () => ({
  ok: true,
  result: '{"status":"shipped"}',
  call: { action: 'order_status', outcome: 'ok' },
});

describe('the tool loop', () => {
  it('makes the calls asked for, gives their results back, and ends with the answer', async () => {
    const { ctx, asked, called } = services([said('', [lookup('a')]), said('It is shipped.')], ok);
    const outcome = await runToolLoop(ctx, input(3));
    expect(outcome).toMatchObject({ kind: 'answered', text: 'It is shipped.', usage: { llmCalls: 2 } });
    expect(called).toEqual([
      {
        name: 'order_status',
        arguments: '{"order_id":"123456"}',
        conversationId: 'c-1',
        customerId: 'CUST001',
        department: 'shipping',
      },
    ]);
    expect(asked[1]?.steps).toEqual([
      { text: '', calls: [{ call: lookup('a'), result: '{"status":"shipped"}' }] },
    ]);
  });

  it('calls at most the bound, answering the calls beyond it with a limit error', async () => {
    const { ctx, asked, called } = services(
      [said('Let me look.', [lookup('a'), lookup('b'), lookup('c')]), said('It is shipped.')],
      ok,
    );
    const outcome = await runToolLoop(ctx, input(2));
    expect(called).toHaveLength(2);
    expect(asked[1]?.steps?.[0]?.calls[2]?.result).toContain('TOOL_CALL_LIMIT');
    // What the model said beside its calls was streamed already: it is part of the answer.
    expect(outcome).toMatchObject({ kind: 'answered', text: 'Let me look.\n\nIt is shipped.' });
  });

  it('stops a model that asks for calls when none are left', async () => {
    const { ctx, called } = services([said('', [lookup('a')]), said('', [lookup('b')])], ok);
    const outcome = await runToolLoop(ctx, input(1));
    expect(called).toHaveLength(1);
    expect(outcome).toMatchObject({ kind: 'failed', why: 'bound', calls: [{ outcome: 'ok' }] });
  });

  it('ends at a call the backend did not answer, before the model sees it', async () => {
    const failed = { action: 'order_status', outcome: 'error', code: 'ACTION_FAILED', status: 503 };
    const { ctx, asked } = services([said('', [lookup('a')]), said('It is shipped.')], () => ({
      ok: false,
      code: 'ACTION_FAILED',
      result: '{"error":{}}',
      call: failed,
    }));
    expect(await runToolLoop(ctx, input(3))).toMatchObject({
      kind: 'failed',
      why: 'action_failed',
      calls: [failed],
    });
    expect(asked).toHaveLength(1);
  });

  it('answers offline when the LLM is down before any call, and escalates when it fails after one', async () => {
    expect(await runToolLoop(services([null], ok).ctx, input(3))).toMatchObject({ kind: 'unavailable' });
    const after = services([said('', [lookup('a')]), null], ok);
    expect(await runToolLoop(after.ctx, input(3))).toMatchObject({ kind: 'failed', why: 'llm_failed' });
  });

  it('escalates an answer the output guard stopped', async () => {
    const guarded = { ...said('safe'), guarded: true };
    expect(await runToolLoop(services([guarded], ok).ctx, input(3))).toMatchObject({
      kind: 'failed',
      why: 'guarded',
    });
  });
});
