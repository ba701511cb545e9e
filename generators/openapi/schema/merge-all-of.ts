import { isSchema, requiredNames, schemaList, typesOf, type JsonSchema } from './json-schema.js';

// Keywords where the stricter bound wins when two schemas both constrain a value.
const LOWER_BOUNDS = ['minimum', 'minLength', 'minItems', 'minProperties'] as const;
const UPPER_BOUNDS = ['maximum', 'maxLength', 'maxItems', 'maxProperties'] as const;

function mergeProperties(a: unknown, b: unknown): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...(isSchema(a) ? a : {}) };
  for (const [name, sub] of Object.entries(isSchema(b) ? b : {})) {
    // Both sides constrain the property: keep both as an allOf, merged lazily when (and if) the
    // property is generated, so a cyclic schema is never walked ahead of need.
    merged[name] = name in merged ? { allOf: [merged[name], sub] } : sub;
  }
  return merged;
}

function mergeTwo(a: JsonSchema, b: JsonSchema): JsonSchema {
  const merged: Record<string, unknown> = { ...a, ...b };
  if ('properties' in a || 'properties' in b) merged.properties = mergeProperties(a.properties, b.properties);
  const required = [...new Set([...requiredNames(a), ...requiredNames(b)])];
  if (required.length > 0) merged.required = required;
  for (const key of LOWER_BOUNDS) {
    if (typeof a[key] === 'number' && typeof b[key] === 'number') merged[key] = Math.max(a[key], b[key]);
  }
  for (const key of UPPER_BOUNDS) {
    if (typeof a[key] === 'number' && typeof b[key] === 'number') merged[key] = Math.min(a[key], b[key]);
  }
  const typesA = 'type' in a || a.nullable === true ? typesOf(a) : [];
  const typesB = 'type' in b || b.nullable === true ? typesOf(b) : [];
  if (typesA.length > 0 && typesB.length > 0) {
    // integer is a number: {type: number} with {type: integer} allows integers.
    const both = typesA.flatMap((t) =>
      typesB.includes(t)
        ? [t]
        : t === 'integer' && typesB.includes('number')
          ? [t]
          : t === 'number' && typesB.includes('integer')
            ? ['integer' as const]
            : [],
    );
    const nonNull = both.filter((t) => t !== 'null');
    merged.type = nonNull.length === 1 ? nonNull[0] : nonNull.length === 0 && both.length > 0 ? 'null' : nonNull;
    if (both.includes('null') && nonNull.length > 0) merged.nullable = true;
    else delete merged.nullable;
  } else if (a.nullable !== true || b.nullable !== true) {
    delete merged.nullable;
  }
  if (Array.isArray(a.enum) && Array.isArray(b.enum)) {
    const inB = new Set(b.enum.map((v) => JSON.stringify(v)));
    merged.enum = a.enum.filter((v) => inB.has(JSON.stringify(v)));
  }
  if (a.additionalProperties === false || b.additionalProperties === false) merged.additionalProperties = false;
  if (a.readOnly === true || b.readOnly === true) merged.readOnly = true;
  return merged;
}

/**
 * One schema equivalent to `schema` with its `allOf` folded in (recursively, for nested allOf):
 * properties and required lists united, bounds tightened, types intersected. `oneOf`/`anyOf`
 * stay as they are; the arbitrary picks a branch.
 */
export function mergeAllOf(schema: JsonSchema, depth = 0): JsonSchema {
  const parts = schemaList(schema.allOf);
  if (parts.length === 0 || depth > 8) return schema;
  const { allOf: _allOf, ...rest } = schema;
  let merged: JsonSchema = rest;
  for (const part of parts) merged = mergeTwo(merged, mergeAllOf(part, depth + 1));
  return merged;
}
