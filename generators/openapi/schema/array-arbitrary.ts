import fc from 'fast-check';
import type { BuildContext } from './context.js';
import { isSchema, numberKeyword, schemaList, type JsonSchema } from './json-schema.js';

type Build = (schema: unknown, ctx: BuildContext, depth: number) => fc.Arbitrary<unknown>;

/**
 * Arrays between minItems and maxItems (bounded by the context's maxItems, and at minItems once
 * deep enough), unique when uniqueItems asks. A tuple (`prefixItems` in 3.1, an `items` list in
 * 2.0-style schemas) gets exactly its listed items.
 */
export function arrayArbitrary(schema: JsonSchema, ctx: BuildContext, depth: number, build: Build): fc.Arbitrary<unknown[]> {
  const tuple = schemaList(schema.prefixItems).length > 0 ? schemaList(schema.prefixItems) : schemaList(schema.items);
  if (tuple.length > 0) return fc.tuple(...tuple.map((item) => build(item, ctx, depth + 1)));
  const minLength = Math.max(0, Math.floor(numberKeyword(schema, 'minItems') ?? 0));
  const declaredMax = numberKeyword(schema, 'maxItems') ?? Number.MAX_SAFE_INTEGER;
  const bound = depth >= ctx.maxDepth ? minLength : Math.max(minLength, ctx.maxItems);
  const maxLength = Math.max(minLength, Math.min(Math.floor(declaredMax), bound));
  const item = build(isSchema(schema.items) || typeof schema.items === 'boolean' ? schema.items : {}, ctx, depth + 1);
  if (schema.uniqueItems === true) {
    return fc.uniqueArray(item, { minLength, maxLength, size: 'max', selector: (v) => JSON.stringify(v) });
  }
  return fc.array(item, { minLength, maxLength, size: 'max' });
}
