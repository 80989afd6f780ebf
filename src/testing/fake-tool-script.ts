import { defaultReply, type FakeHandler, type FakeLlmRequest, type FakeReply } from './fake-llm.js';

export interface ToolScriptOptions {
  /** The function to call when the request offers it. */
  tool: string;
  /** The argument the call fills from the customer's last message. */
  argument: string;
  /** Finds the argument's value in the last user message (its first group, or the whole match). */
  pattern: RegExp;
  /** Said when the tool is offered but the last user message holds no value for it. */
  ask: string;
  /** The answer once the call's result came back; default: the result's fields, listed. */
  answer?: (result: unknown) => string;
  /** Arguments sent beside the one found (e.g. one a model should not be able to choose). */
  extra?: Record<string, unknown>;
}

/**
 * A model that uses one tool the way a well-behaved one would: asks for the argument it lacks, calls
 * the tool once it has it, and answers from the result it is given (never from anything else).
 * A request that does not offer the tool gets the fake's default answer.
 */
export function toolScript(options: ToolScriptOptions): FakeHandler {
  const answer = options.answer ?? listFields;
  return (request: FakeLlmRequest): FakeReply => {
    const offered = request.tools?.some((tool) => tool.function.name === options.tool) ?? false;
    const last = request.messages.at(-1);
    if (last?.role === 'tool') return { kind: 'text', text: answer(parse(textOf(last.content))) };
    if (!offered) return defaultReply(request);
    const asked = [...request.messages].reverse().find((message) => message.role === 'user');
    const found = options.pattern.exec(textOf(asked?.content));
    if (!found) return { kind: 'text', text: options.ask };
    const args = { ...options.extra, [options.argument]: found[1] ?? found[0] };
    return { kind: 'tool_calls', calls: [{ name: options.tool, arguments: JSON.stringify(args) }] };
  };
}

function textOf(content: unknown): string {
  return typeof content === 'string' ? content : JSON.stringify(content ?? '');
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function listFields(result: unknown): string {
  if (result === null || typeof result !== 'object') return `The system says: ${String(result)}.`;
  const fields = Object.entries(result).map(([key, value]) => `${key} ${JSON.stringify(value)}`);
  return `The system says: ${fields.join(', ')}.`;
}
