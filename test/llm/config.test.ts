import { describe, expect, it } from 'vitest';
import { llmConfigFromEnv, parseLlmConfig } from '../../src/llm/index.js';

describe('LLM configuration', () => {
  it('stays offline when no endpoint is configured', () => {
    expect(llmConfigFromEnv({})).toBeUndefined();
  });

  it('reads the endpoint, model and limits from the environment over the defaults', () => {
    const config = llmConfigFromEnv({
      OPENAI_BASE_URL: 'http://localhost:11434/v1',
      OPENAI_MODEL: 'llama3.2',
      SWARM_LLM_CONCURRENCY: '4',
    });
    expect(config).toMatchObject({
      baseURL: 'http://localhost:11434/v1',
      model: 'llama3.2',
      concurrency: 4,
      maxQueue: 256,
      timeoutMs: 15_000,
      maxRetries: 2,
    });
    expect(config?.apiKey).toBeUndefined();
  });

  it('names the offending option', () => {
    expect(() => llmConfigFromEnv({ OPENAI_API_KEY: 'k', SWARM_LLM_CONCURRENCY: 'many' })).toThrow(
      /concurrency/,
    );
    expect(() => parseLlmConfig({ timeoutMs: -1 })).toThrow(/timeoutMs/);
  });
});
