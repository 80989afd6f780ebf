import OpenAI from 'openai';
import { BILLING_PROMPT, HANDOFF_TOOL, TRIAGE_PROMPT, type Flow } from './prompts.js';

const TRANSFER = {
  type: 'function' as const,
  function: {
    name: HANDOFF_TOOL,
    description: 'Hand the conversation to the billing agent.',
    parameters: { type: 'object', properties: {}, additionalProperties: false },
  },
};

/** The reference: the bare client making the same two calls by hand, with the same tool offer and reply. */
export async function createBareFlow(baseURL: string): Promise<Flow> {
  const client = new OpenAI({ baseURL, apiKey: 'bench', maxRetries: 0 });
  const answer = async (message: string): Promise<string> => {
    const triage = await client.chat.completions.create({
      model: 'bench',
      messages: [
        { role: 'system', content: TRIAGE_PROMPT },
        { role: 'user', content: message },
      ],
      tools: [TRANSFER],
    });
    const call = triage.choices[0]?.message.tool_calls?.[0];
    if (call?.type !== 'function' || call.function.name !== HANDOFF_TOOL)
      throw new Error('triage did not hand off');
    const answer = await client.chat.completions.create({
      model: 'bench',
      messages: [
        { role: 'system', content: BILLING_PROMPT },
        { role: 'user', content: message },
        { role: 'assistant', content: null, tool_calls: [call] },
        { role: 'tool', tool_call_id: call.id, content: JSON.stringify({ assistant: 'billing' }) },
      ],
    });
    return answer.choices[0]?.message.content ?? '';
  };
  return { answer, close: async () => {} };
}
