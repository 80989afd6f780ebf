import { Agent, OpenAIProvider, Runner, setTracingDisabled } from '@openai/agents';
import { BILLING_PROMPT, TRIAGE_PROMPT, type Flow } from './prompts.js';

/** The OpenAI Agents SDK: a triage agent whose handoff to `billing` is its `transfer_to_billing` tool. */
export async function createAgentsSdkFlow(baseURL: string): Promise<Flow> {
  // Tracing would export spans to the OpenAI platform; the bench is offline.
  setTracingDisabled(true);
  const runner = new Runner({
    modelProvider: new OpenAIProvider({ apiKey: 'bench', baseURL, useResponses: false }),
    tracingDisabled: true,
  });
  const billing = new Agent({ name: 'billing', instructions: BILLING_PROMPT, model: 'bench' });
  const triage = new Agent({
    name: 'triage',
    instructions: TRIAGE_PROMPT,
    model: 'bench',
    handoffs: [billing],
  });
  const answer = async (message: string): Promise<string> => {
    const result = await runner.run(triage, message);
    if (result.lastAgent?.name !== 'billing') throw new Error('triage did not hand off');
    return String(result.finalOutput ?? '');
  };
  return { answer, close: async () => {} };
}
