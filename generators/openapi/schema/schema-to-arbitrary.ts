import fc from 'fast-check';
import { arrayArbitrary } from './array-arbitrary.js';
import { buildContext, type BuildContext, type SchemaArbitraryOptions } from './context.js';
import { isNullable, isSchema, schemaExamples, schemaList, typesOf, type JsonSchema, type JsonType } from './json-schema.js';
import { mergeAllOf } from './merge-all-of.js';
import { integerArbitrary, numberArbitrary } from './number-arbitrary.js';
import { objectArbitrary } from './object-arbitrary.js';
import { stringArbitrary } from './string-arbitrary.js';

// Past maxDepth only required properties are generated; a schema that requires itself has no
// finite value, so a little further on generation gives up with null.
const HARD_DEPTH_MARGIN = 4;

/** Anything, for a schema that says nothing: small scalars, which every handler can take. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', maxLength: 8, size: 'max' }),
  fc.integer({ min: -1000, max: 1000 }),
  fc.boolean(),
);

function constants(values: readonly unknown[]): fc.Arbitrary<unknown> {
  // Copies: a unit must not share objects with the description (or with another unit).
  return fc.constantFrom(...values).map((v) => (typeof v === 'object' && v !== null ? structuredClone(v) : v));
}

function typeArbitrary(type: JsonType, schema: JsonSchema, ctx: BuildContext, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return stringArbitrary(schema, ctx);
    case 'integer':
      return integerArbitrary(schema);
    case 'number':
      return numberArbitrary(schema);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return arrayArbitrary(schema, ctx, depth, build);
    case 'object':
      return objectArbitrary(schema, ctx, depth, build);
  }
}

/** One of several arbitraries, null (when allowed) four times less often than a real value. */
function choice(arbitraries: readonly { arbitrary: fc.Arbitrary<unknown>; isNull: boolean }[]): fc.Arbitrary<unknown> {
  if (arbitraries.length === 1) return arbitraries[0]!.arbitrary;
  return fc.oneof(...arbitraries.map(({ arbitrary, isNull }) => ({ arbitrary, weight: isNull ? 1 : 4 })));
}

function buildUncached(schema: JsonSchema, ctx: BuildContext, depth: number): fc.Arbitrary<unknown> {
  if (depth > ctx.maxDepth + HARD_DEPTH_MARGIN) return fc.constant(null);
  if ('const' in schema) return constants([schema.const]);
  if (ctx.preferExamples) {
    const examples = schemaExamples(schema);
    if (examples.length > 0) return constants(examples);
  }
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return constants(schema.enum);
  if (Array.isArray(schema.allOf)) {
    let merged = ctx.merged.get(schema);
    if (!merged) ctx.merged.set(schema, (merged = mergeAllOf(schema)));
    return build(merged, ctx, depth);
  }
  const branches = [...schemaList(schema.oneOf), ...schemaList(schema.anyOf)];
  if (branches.length > 0) {
    const { oneOf: _oneOf, anyOf: _anyOf, nullable: _nullable, ...base } = schema;
    const options = branches.map((branch) => ({
      arbitrary: build(Object.keys(base).length === 0 ? branch : { allOf: [base, branch] }, ctx, depth),
      isNull: false,
    }));
    if (isNullable(schema)) options.push({ arbitrary: fc.constant(null), isNull: true });
    return choice(options);
  }
  const types = typesOf(schema);
  if (types.length === 0) return anyValue;
  return choice(types.map((type) => ({ arbitrary: typeArbitrary(type, schema, ctx, depth), isNull: type === 'null' })));
}

function build(schema: unknown, ctx: BuildContext, depth: number): fc.Arbitrary<unknown> {
  if (schema === false) return fc.constant(null);
  if (!isSchema(schema)) return anyValue;
  let byDepth = ctx.built.get(schema);
  if (!byDepth) ctx.built.set(schema, (byDepth = new Map()));
  let arbitrary = byDepth.get(depth);
  if (!arbitrary) byDepth.set(depth, (arbitrary = buildUncached(schema, ctx, depth)));
  return arbitrary;
}

/**
 * Values valid for a JSON Schema as OpenAPI writes it (2.0, 3.0 with `nullable`, 3.1 with type
 * lists and `const`), as a fast-check arbitrary: strings by format, pattern or length; numbers by
 * bounds and multipleOf; arrays and objects bounded in size and depth; allOf merged, oneOf/anyOf
 * picked. The schema may be cyclic. Known gaps: `not`, `if`/`then`, `patternProperties`,
 * `contains`, `dependentRequired`, and oneOf branches that overlap (a value may match two).
 */
export function schemaToArbitrary(schema: unknown, options?: SchemaArbitraryOptions): fc.Arbitrary<unknown> {
  return build(schema, buildContext(options), 0);
}

export type { SchemaArbitraryOptions } from './context.js';
