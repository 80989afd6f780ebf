import { createReactAgent } from '@langchain/langgraph/prebuilt';
import { createHandoffTool, createSwarm } from '@langchain/langgraph-swarm';
import { ChatOpenAI } from '@langchain/openai';
import { BILLING_PROMPT, TRIAGE_PROMPT, type Flow } from './prompts.js';

/** LangGraph.js with langgraph-swarm: two prebuilt ReAct agents, the handoff a `transfer_to_billing` tool. */
export async function createLangGraphFlow(baseURL: string): Promise<Flow> {
  const llm = new ChatOpenAI({ model: 'bench', apiKey: 'bench', maxRetries: 0, configuration: { baseURL } });
  const triage = createReactAgent({
    llm,
    name: 'triage',
    prompt: TRIAGE_PROMPT,
    tools: [
      createHandoffTool({ agentName: 'billing', description: 'Hand the conversation to the billing agent.' }),
    ],
  });
  const billing = createReactAgent({ llm, name: 'billing', prompt: BILLING_PROMPT, tools: [] });
  const app = createSwarm({ agents: [triage, billing], defaultActiveAgent: 'triage' }).compile();
  const answer = async (message: string): Promise<string> => {
    const state = await app.invoke({ messages: [{ role: 'user', content: message }] });
    if (state.activeAgent !== 'billing') throw new Error('triage did not hand off');
    const last = state.messages.at(-1);
    return typeof last?.content === 'string' ? last.content : JSON.stringify(last?.content);
  };
  return { answer, close: async () => {} };
}
