import { Ajv, type ValidateFunction } from 'ajv';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleTicket } from '../tickets/conformance.js';
import { makeApp, type TestApp } from './helpers.js';

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  $ref?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
  minimum?: number;
  maximum?: number;
}

interface Operation {
  parameters?: { name: string; in: 'path' | 'query'; schema: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** Strings a client may send: ids that exist, plain ones, hostile ones, anything at all. */
const text = fc.oneof(
  fc.constantFrom('q-1', 'conv-1', 'C001', 'T-1', 'router-1', 'router', 'open', '1', '50', 'true'),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\ufeffC001',
    '\u200b',
    'x'.repeat(300),
    '../../etc',
    '%00',
    '-1',
    '1e309',
  ),
);

/** Values shaped by a schema most of the time, anything JSON otherwise. */
function valueFor(schema: Schema | undefined, doc: OpenApiDocument, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return fc.jsonValue({ maxDepth: 2 });
  if (schema.$ref)
    return valueFor(doc.components.schemas[schema.$ref.split('/').pop() ?? ''], doc, depth + 1);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => valueFor(s, doc, depth + 1)));
  if (schema.enum) return fc.oneof(fc.constantFrom(...schema.enum), text);
  const shaped = (() => {
    switch (schema.type) {
      case 'integer':
        return fc.oneof(
          fc.integer({ min: (schema.minimum ?? 0) - 2, max: (schema.maximum ?? 10) + 2 }),
          fc.integer(),
        );
      case 'number':
        return fc.double();
      case 'boolean':
        return fc.boolean();
      case 'string':
        return text;
      case 'array':
        return fc.array(valueFor(schema.items, doc, depth + 1), { maxLength: 3 });
      case 'object': {
        const properties = Object.fromEntries(
          Object.entries(schema.properties ?? {}).map(([name, s]) => [name, valueFor(s, doc, depth + 1)]),
        );
        return fc.record(properties, { requiredKeys: [] });
      }
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  })();
  return fc.oneof({ weight: 4, arbitrary: shaped }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });
}

/** A path segment as a client would send it; a lone surrogate, which has no UTF-8, as WTF-8 bytes. */
function segment(value: unknown): string {
  const raw = typeof value === 'string' ? value : String(JSON.stringify(value));
  const encoded = raw
    .split(/([\ud800-\udfff])/)
    .map((part) => (/^[\ud800-\udfff]$/.test(part) ? '%ED%A0%80' : encodeURIComponent(part)))
    .join('');
  return encoded || 'x';
}

interface Case {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

function requestsFor(
  path: string,
  method: string,
  operation: Operation,
  doc: OpenApiDocument,
): fc.Arbitrary<Case> {
  const params = operation.parameters ?? [];
  const pathParams = Object.fromEntries(params.filter((p) => p.in === 'path').map((p) => [p.name, text]));
  const queryParams = Object.fromEntries(
    params
      .filter((p) => p.in === 'query')
      .map((p) => [
        p.name,
        fc.oneof(
          text,
          valueFor(p.schema, doc).map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))),
        ),
      ]),
  );
  const unknownParam = fc.option(
    fc.dictionary(fc.constantFrom('colour', 'limit2', 'x'), text, { maxKeys: 1 }),
    {
      freq: 4,
    },
  );
  const bodySchema = operation.requestBody?.content['application/json']?.schema;
  return fc
    .record({
      pathValues: fc.record(pathParams),
      query: fc.record(queryParams, { requiredKeys: [] }),
      extra: unknownParam,
      body: bodySchema ? valueFor(bodySchema, doc) : fc.constant(undefined),
    })
    .map(({ pathValues, query, extra, body }) => ({
      method: method.toUpperCase(),
      path: path.replace(/\{(\w+)\}/g, (_, name: string) => segment(pathValues[name])),
      query: { ...(query as Record<string, string>), ...(extra ?? {}) },
      body,
    }));
}

/**
 * OpenAPI 3.0 schemas as JSON Schema for Ajv: `nullable: true` becomes "or null", and references point
 * into the document registered as `doc`.
 */
function asJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asJsonSchema);
  if (value === null || typeof value !== 'object') return value;
  const { nullable, ...rest } = value as Record<string, unknown>;
  const converted = Object.fromEntries(
    Object.entries(rest).map(([key, v]) => [
      key,
      key === '$ref' && typeof v === 'string'
        ? v.replace('#/components/', 'doc#/components/')
        : asJsonSchema(v),
    ]),
  );
  return nullable === true ? { anyOf: [converted, { type: 'null' }] } : converted;
}

describe('every route, fuzzed from the OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let ajv: Ajv;
  const validators = new Map<string, ValidateFunction>();

  beforeAll(async () => {
    t = makeApp({ faultInjection: true });
    await t.desk.submit({ customerId: 'C001', message: 'first' });
    t.desk.tickets.set('T-1', sampleTicket('T-1'));
    doc = (await (await t.app.request('/openapi.json')).json()) as OpenApiDocument;
    ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addSchema(asJsonSchema({ components: doc.components }) as object, 'doc');
  });

  const validatorFor = (key: string, schema: Schema) => {
    let validate = validators.get(key);
    if (!validate) {
      const rewritten = JSON.parse(
        JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/'),
      ) as object;
      validate = ajv.compile(rewritten);
      validators.set(key, validate);
    }
    return validate;
  };

  it('answers every generated request with a status the document lists, and a body matching it', async () => {
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
    );
    expect(operations.length).toBeGreaterThan(10);
    for (const { path, method, operation } of operations) {
      await fc.assert(
        fc.asyncProperty(requestsFor(path, method, operation, doc), async (c) => {
          const search = new URLSearchParams(c.query).toString();
          const res = await t.app.request(`${c.path}${search ? `?${search}` : ''}`, {
            method: c.method,
            headers: c.body === undefined ? {} : { 'content-type': 'application/json' },
            ...(c.body === undefined ? {} : { body: JSON.stringify(c.body) }),
          });
          const status = String(res.status);
          const listed = operation.responses[status];
          if (!listed) throw new Error(`${c.method} ${c.path}?${search}: ${status} is not in the document`);
          const contentType = res.headers.get('content-type') ?? '';
          if (contentType.includes('text/event-stream')) {
            await res.body?.cancel();
            return;
          }
          const schema = listed.content?.['application/json']?.schema;
          const body: unknown = contentType.includes('json') ? await res.json() : await res.text();
          if (!schema) return;
          const validate = validatorFor(`${method} ${path} ${status}`, schema);
          if (!validate(body))
            throw new Error(`${c.method} ${c.path} ${status}: ${ajv.errorsText(validate.errors)}`);
        }),
        { numRuns: 40, seed: 22 },
      );
    }
  });
});
