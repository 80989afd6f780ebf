import { z } from 'zod';
import { LlmInvalidOutputError } from './errors/index.js';

type JsonSchema = Record<string, unknown>;

export interface JsonSchemaFormat {
  type: 'json_schema';
  json_schema: { name: string; schema: JsonSchema; strict: boolean };
}

/** The `response_format` asking the server for JSON matching the zod schema. */
export function jsonSchemaFormat(schema: z.ZodType, schemaName: string): JsonSchemaFormat {
  const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema) as JsonSchema;
  return {
    type: 'json_schema',
    json_schema: {
      name: schemaName.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64),
      schema: jsonSchema,
      // OpenAI's strict mode refuses schemas with optional properties; those go non-strict and rely on validation.
      strict: isStrictCompatible(jsonSchema),
    },
  };
}

function isStrictCompatible(node: unknown): boolean {
  if (Array.isArray(node)) return node.every(isStrictCompatible);
  if (typeof node !== 'object' || node === null) return true;
  const record = node as JsonSchema;
  if (typeof record.properties === 'object' && record.properties !== null) {
    const keys = Object.keys(record.properties);
    const required = Array.isArray(record.required) ? record.required : [];
    if (record.additionalProperties !== false || keys.some((key) => !required.includes(key))) return false;
  }
  return Object.values(record).every(isStrictCompatible);
}

// Rebuilt zod schemas by their JSON text: the router sends the same few candidate lists again and again.
const fromJsonCache = new Map<string, z.ZodType>();
const FROM_JSON_CACHE_LIMIT = 256;

/**
 * A validator for the JSON Schema a `response_format` carries, for a thread that never saw the zod
 * schema it was made from. It checks what JSON Schema says (types, enums, bounds, required keys);
 * refinements and transforms do not survive `z.toJSONSchema` and stay with the caller's schema.
 */
export function schemaOfFormat(format: JsonSchemaFormat): z.ZodType {
  const key = JSON.stringify(format.json_schema.schema);
  let schema = fromJsonCache.get(key);
  if (schema === undefined) {
    schema = z.fromJSONSchema(format.json_schema.schema);
    if (fromJsonCache.size >= FROM_JSON_CACHE_LIMIT) fromJsonCache.clear();
    fromJsonCache.set(key, schema);
  }
  return schema;
}

/** Parses and validates the model's JSON; small local models often wrap it in a Markdown fence. */
export function parseStructured<T>(text: string, schema: z.ZodType<T>): T {
  const trimmed = text
    .trim()
    .replace(/^```(?:json)?\s*/i, '')
    .replace(/\s*```$/, '');
  if (trimmed === '') throw new LlmInvalidOutputError('empty content');
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch (cause) {
    throw new LlmInvalidOutputError('content is not JSON', { cause });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new LlmInvalidOutputError(
      `JSON does not match the schema: ${parsed.error.issues[0]?.message ?? ''}`,
    );
  }
  return parsed.data;
}
