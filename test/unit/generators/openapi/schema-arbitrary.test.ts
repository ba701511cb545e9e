import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { schemaToArbitrary } from '../../../../generators/openapi/index.js';
import { toDraft7 } from './helpers.js';
import { isIPv4, isIPv6 } from 'node:net';

const FORMATS: Record<string, RegExp | ((s: string) => boolean)> = {
  'date-time': (s) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(s) && !Number.isNaN(Date.parse(s)),
  date: /^\d{4}-\d\d-\d\d$/,
  email: /^[^@\s]+@[^@\s]+\.[^@\s]+$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  uri: (s) => URL.canParse(s),
  ipv4: isIPv4,
  ipv6: isIPv6,
  byte: (s) => /^[A-Za-z0-9+/]*={0,2}$/.test(s) && s.length % 4 === 0,
  binary: () => true,
};

function addFormats<A extends Pick<Ajv, 'addFormat'>>(ajv: A): A {
  for (const [name, check] of Object.entries(FORMATS)) {
    ajv.addFormat(name, typeof check === 'function' ? { type: 'string', validate: check } : check);
  }
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
  return ajv;
}

const draft7 = addFormats(new Ajv({ strict: false, logger: false }));
const draft2020 = addFormats(new Ajv2020({ strict: false, logger: false }));

/** Every value the arbitrary makes validates (draft-07 with nullable for 3.0, 2020-12 for 3.1). */
function assertValid(schema: Record<string, unknown>, dialect: '3.0' | '3.1' = '3.0'): void {
  const validate = dialect === '3.1' ? draft2020.compile(structuredClone(schema)) : draft7.compile(toDraft7(schema) as object);
  fc.assert(
    fc.property(schemaToArbitrary(schema), (value) => {
      expect(JSON.parse(JSON.stringify(value))).toEqual(value);
      if (!validate(value)) throw new Error(`${JSON.stringify(value)}: ${draft7.errorsText(validate.errors)}`);
    }),
    { numRuns: 150 },
  );
}

describe('schemaToArbitrary', () => {
  it('strings: lengths, pattern, enum, const', () => {
    assertValid({ type: 'string', minLength: 3, maxLength: 5 });
    assertValid({ type: 'string', maxLength: 0 });
    assertValid({ type: 'string', pattern: '^[A-Z]{2}-\\d{3}$' });
    assertValid({ type: 'string', pattern: '^[a-z]+$', maxLength: 6 });
    assertValid({ type: 'string', enum: ['a', 'b'] });
    assertValid({ const: 'fixed' }, '3.1');
  });

  it('string formats', () => {
    for (const format of ['date-time', 'date', 'email', 'uuid', 'uri', 'ipv4', 'ipv6', 'byte', 'binary']) {
      assertValid({ type: 'string', format });
    }
  });

  it('numbers and integers: inclusive and exclusive bounds (both spellings), multipleOf, int32/int64', () => {
    assertValid({ type: 'integer', minimum: -3, maximum: 7 });
    assertValid({ type: 'integer', format: 'int32' });
    assertValid({ type: 'integer', format: 'int64', minimum: 0 });
    assertValid({ type: 'integer', minimum: 0, maximum: 100, exclusiveMinimum: true, exclusiveMaximum: true });
    assertValid({ type: 'integer', exclusiveMinimum: 0, exclusiveMaximum: 3 }, '3.1');
    assertValid({ type: 'integer', minimum: 1, maximum: 1000, multipleOf: 7 });
    assertValid({ type: 'number', minimum: 0.5, maximum: 0.75 });
    assertValid({ type: 'number', exclusiveMinimum: 0, maximum: 1 }, '3.1');
    assertValid({ type: 'number', minimum: 0, exclusiveMinimum: true });
    assertValid({ type: 'number', multipleOf: 5, maximum: 100 });
    assertValid({ type: 'boolean' });
  });

  it('arrays: bounds, uniqueItems, tuples', () => {
    assertValid({ type: 'array', items: { type: 'integer', minimum: 0, maximum: 3 }, minItems: 2, maxItems: 4, uniqueItems: true });
    assertValid({ type: 'array', items: { type: 'string', maxLength: 2 }, minItems: 6 });
    assertValid({ type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }], items: false }, '3.1');
  });

  it('objects: required, optional, additionalProperties maps and false', () => {
    assertValid({
      type: 'object',
      required: ['a', 'b'],
      additionalProperties: false,
      properties: { a: { type: 'string' }, b: { type: 'integer' }, c: { type: 'boolean' } },
    });
    assertValid({ type: 'object', additionalProperties: { type: 'integer', minimum: 5 }, minProperties: 1 });
    assertValid({ type: 'object', required: ['x'] });
  });

  it('allOf, oneOf, anyOf; nullable (3.0) and type lists (3.1)', () => {
    assertValid({
      allOf: [
        { type: 'object', required: ['a'], properties: { a: { type: 'integer', minimum: 0 } } },
        { type: 'object', required: ['b'], properties: { a: { maximum: 10 }, b: { type: 'string', maxLength: 3 } } },
      ],
    });
    assertValid(
      {
        oneOf: [
          { type: 'object', required: ['kind'], additionalProperties: false, properties: { kind: { const: 'a' } } },
          { type: 'object', required: ['kind', 'n'], additionalProperties: false, properties: { kind: { const: 'b' }, n: { type: 'integer' } } },
        ],
      },
      '3.1',
    );
    assertValid({
      anyOf: [
        { type: 'string', maxLength: 2 },
        { type: 'integer', minimum: 100 },
      ],
    });
    assertValid({ type: 'string', nullable: true, maxLength: 3 });
    assertValid({ type: 'object', nullable: true, properties: { a: { type: 'integer', nullable: true } } });
    assertValid({ type: ['string', 'null'], minLength: 1 }, '3.1');
    assertValid({ type: ['integer', 'boolean'] }, '3.1');
  });

  it('ends cyclic schemas and keeps values small', () => {
    const node: Record<string, unknown> = { type: 'object', required: ['label'], properties: { label: { type: 'string' } } };
    (node.properties as Record<string, unknown>).children = { type: 'array', items: node };
    (node.properties as Record<string, unknown>).parent = node;
    fc.assert(
      fc.property(schemaToArbitrary(node, { maxDepth: 3 }), (value) => {
        const depth = (v: unknown): number => (typeof v === 'object' && v !== null ? 1 + Math.max(0, ...Object.values(v).map(depth)) : 0);
        expect(depth(value)).toBeLessThanOrEqual(8);
        expect(JSON.stringify(value).length).toBeLessThan(100_000);
      }),
      { numRuns: 100 },
    );
  });

  it('prefers examples and defaults when asked, and is deterministic for a seed', () => {
    const schema = { type: 'object', required: ['a'], properties: { a: { type: 'string', example: 'hello' }, b: { type: 'integer', default: 3 } } };
    for (const value of fc.sample(schemaToArbitrary(schema, { preferExamples: true }), { seed: 1, numRuns: 20 })) {
      expect((value as { a: string }).a).toBe('hello');
      if ('b' in (value as object)) expect((value as { b: number }).b).toBe(3);
    }
    const sample = (seed: number) => fc.sample(schemaToArbitrary(schema), { seed, numRuns: 10, randomType: 'xorshift128plus' });
    expect(sample(42)).toEqual(sample(42));
  });
});
