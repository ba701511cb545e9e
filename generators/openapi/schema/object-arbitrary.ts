import fc from 'fast-check';
import type { BuildContext } from './context.js';
import { isSchema, numberKeyword, propertiesOf, requiredNames, type JsonSchema } from './json-schema.js';

type Build = (schema: unknown, ctx: BuildContext, depth: number) => fc.Arbitrary<unknown>;

const keyChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz_0123456789');
const extraKey = fc.string({ unit: keyChar, minLength: 1, maxLength: 8, size: 'max' });

/** Whether a property belongs in a value going this way (readOnly ones are the server's to set). */
function sentThisWay(property: JsonSchema, ctx: BuildContext): boolean {
  return ctx.direction === 'request' ? property.readOnly !== true : property.writeOnly !== true;
}

/**
 * Objects with every required property and a seeded choice of optional ones (none once deep
 * enough, so cyclic schemas end). A map (additionalProperties with no properties) gets a few
 * keys; additional keys next to declared properties are never added, as many servers reject them.
 */
export function objectArbitrary(schema: JsonSchema, ctx: BuildContext, depth: number, build: Build): fc.Arbitrary<Record<string, unknown>> {
  const properties = propertiesOf(schema);
  const required = new Set(requiredNames(schema));
  const deep = depth >= ctx.maxDepth;
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) {
    if (!sentThisWay(property, ctx) || (deep && !required.has(name))) continue;
    model[name] = build(property, ctx, depth + 1);
  }
  for (const name of required) {
    if (!(name in properties)) model[name] = build({}, ctx, depth + 1);
  }
  const requiredKeys = Object.keys(model).filter((name) => required.has(name));
  const record = fc.record(model, { requiredKeys, noNullPrototype: true });
  const additional = schema.additionalProperties;
  if (Object.keys(properties).length > 0 || additional === false || additional === undefined) return record;
  const minKeys = Math.max(0, Math.floor(numberKeyword(schema, 'minProperties') ?? 0));
  const maxKeys = Math.max(minKeys, Math.min(numberKeyword(schema, 'maxProperties') ?? 3, deep ? minKeys : 3));
  const values = build(isSchema(additional) ? additional : {}, ctx, depth + 1);
  return fc
    .tuple(record, fc.dictionary(extraKey, values, { minKeys, maxKeys, size: 'max', noNullPrototype: true }))
    .map(([declared, extra]) => ({ ...extra, ...declared }));
}
