import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../../src/config/index.js';
import { thrownBy } from '../support/thrown.js';

function configError(env: Record<string, string>): ConfigError {
  return thrownBy(() => loadConfig(env), ConfigError);
}

describe('loadConfig', () => {
  it('serves on 127.0.0.1:3000 offline with an empty environment', () => {
    const config = loadConfig({});
    expect(config.http).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      apiKeys: [],
      bodyLimitBytes: 65536,
      messageMaxLength: 4000,
    });
    expect(config.http.adminToken).toBeUndefined();
    expect(config.desk).toMatchObject({
      redisUrl: undefined,
      keyPrefix: 'swarmdesk:',
      doubleTextPolicy: 'enqueue',
      llm: undefined,
    });
    expect(config.logLevel).toBe('info');
  });

  it('reads every variable into the http and desk options', () => {
    const config = loadConfig({
      HOST: '0.0.0.0',
      PORT: '8080',
      LOG_LEVEL: 'warn',
      SWARM_ADMIN_TOKEN: 'a-long-admin-token-123',
      SWARM_API_KEYS: 'one, two:tickets+admin ,,three',
      SWARM_BODY_LIMIT: '2048',
      SWARM_MESSAGE_MAX_LENGTH: '500',
      SWARM_RATE_LIMIT: '10:30',
      REDIS_URL: 'redis://127.0.0.1:6379',
      SWARM_REDIS_PREFIX: 'test:',
      SWARM_THREADS: '2',
      SWARM_DESK: 'desks/acme',
      SWARM_KNOWLEDGE_DIR: 'kb',
      SWARM_INTENT_MODEL: 'model.json',
      SWARM_INTENT_MAPPING: 'mapping.json',
      SWARM_DATA_DIR: 'state',
      SWARM_DOUBLE_TEXT: 'reject',
      SWARM_CONVERSATION_LEASE_MS: '3000',
      SWARM_QUERY_TIMEOUT_MS: '5000',
      SWARM_MAX_QUERIES_IN_FLIGHT: '250',
      SWARM_MEMORY_CONVERSATIONS: '500',
      SWARM_MEMORY_RESULTS: '700',
      SWARM_LEARNING_SYNC_MS: '2000',
      OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
      OPENAI_MODEL: 'llama3',
      SWARM_LLM_CONCURRENCY: '4',
      SWARM_LLM_TIMEOUT_MS: '9000',
      SWARM_LLM_MAX_TOOL_CALLS: '2',
    });
    expect(config.http).toMatchObject({
      host: '0.0.0.0',
      port: 8080,
      adminToken: 'a-long-admin-token-123',
      apiKeys: [
        { key: 'one', scopes: ['queries', 'customers:read', 'tickets', 'feedback', 'tokens'] },
        { key: 'two', scopes: ['tickets', 'admin'] },
        { key: 'three', scopes: ['queries', 'customers:read', 'tickets', 'feedback', 'tokens'] },
      ],
      bodyLimitBytes: 2048,
      messageMaxLength: 500,
      rateLimit: { ratePerSecond: 10, burst: 30 },
    });
    expect(config.desk).toEqual({
      redisUrl: 'redis://127.0.0.1:6379',
      keyPrefix: 'test:',
      threads: 2,
      desk: 'desks/acme',
      knowledgeDir: 'kb',
      intentModelPath: 'model.json',
      intentMappingPath: 'mapping.json',
      dataDir: 'state',
      doubleTextPolicy: 'reject',
      conversationLease: { ttlMs: 3000 },
      queryTimeoutMs: 5000,
      maxQueriesInFlight: 250,
      memory: { maxConversations: 500, maxResults: 700 },
      learningSyncMs: 2000,
      llm: {
        apiKey: undefined,
        baseURL: 'http://127.0.0.1:11434/v1',
        model: 'llama3',
        concurrency: 4,
        timeoutMs: 9000,
        maxToolCalls: 2,
      },
    });
    expect(config.logLevel).toBe('warn');
  });

  it('turns LLM mode on with an API key alone', () => {
    expect(loadConfig({ OPENAI_API_KEY: 'sk-test' }).desk.llm).toMatchObject({
      apiKey: 'sk-test',
      model: 'gpt-4o-mini',
    });
  });

  it('turns rate limiting off with `off` and derives a burst from a bare rate', () => {
    expect(loadConfig({ SWARM_RATE_LIMIT: 'off' }).http.rateLimit).toBeNull();
    expect(loadConfig({ SWARM_RATE_LIMIT: '5' }).http.rateLimit).toEqual({ ratePerSecond: 5, burst: 10 });
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', SWARM_API_KEYS: ' ' }).http).toMatchObject({ port: 3000, apiKeys: [] });
  });

  it('names the variable and what it must be', () => {
    expect(configError({ PORT: 'eighty' }).message).toBe('PORT must be an integer between 1 and 65535');
    expect(configError({ PORT: '70000' }).message).toBe('PORT must be an integer between 1 and 65535');
    expect(configError({ SWARM_DOUBLE_TEXT: 'drop' }).message).toBe(
      'SWARM_DOUBLE_TEXT must be one of enqueue, merge, reject',
    );
    expect(configError({ SWARM_RATE_LIMIT: 'fast' }).message).toMatch(/^SWARM_RATE_LIMIT must be/);
    expect(configError({ REDIS_URL: 'localhost' }).message).toMatch(/^REDIS_URL must be a URL/);
  });

  it('reports every bad variable at once with the code CONFIG_INVALID', () => {
    const error = configError({ PORT: '0', SWARM_THREADS: '999', LOG_LEVEL: 'loud' });
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.issues.map((i) => i.variable)).toEqual(['PORT', 'LOG_LEVEL', 'SWARM_THREADS']);
  });

  it('names SWARM_API_KEYS for an unknown scope and SWARM_CUSTOMER_TOKEN_SECRET when too short', () => {
    expect(configError({ SWARM_API_KEYS: 'k:queries+everything' }).issues.map((i) => i.variable)).toEqual([
      'SWARM_API_KEYS',
    ]);
    expect(configError({ SWARM_CUSTOMER_TOKEN_SECRET: 'short' }).issues.map((i) => i.variable)).toEqual([
      'SWARM_CUSTOMER_TOKEN_SECRET',
    ]);
  });

  it('never echoes a secret in an error', () => {
    const error = configError({ SWARM_ADMIN_TOKEN: 'short-secret', OPENAI_BASE_URL: 'not a url sk-XYZ' });
    expect(error.message).not.toContain('short-secret');
    expect(error.message).not.toContain('sk-XYZ');
    expect(error.issues.map((i) => i.variable)).toEqual(['SWARM_ADMIN_TOKEN', 'OPENAI_BASE_URL']);
  });

  it('documents every variable it reads, with its default', () => {
    const names = CONFIG_VARIABLES.map((v) => v.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining(['HOST', 'PORT', 'SWARM_RATE_LIMIT', 'OPENAI_API_KEY', 'SWARM_LLM_TIMEOUT_MS']),
    );
    expect(CONFIG_VARIABLES.find((v) => v.name === 'PORT')?.default).toBe('3000');
  });
});
