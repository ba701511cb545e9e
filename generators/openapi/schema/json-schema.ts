/**
 * The JSON Schema subset OpenAPI descriptions use, read loosely: after dereferencing, a schema is
 * any object (possibly cyclic: a tree that refers to itself stays one shared object). Swagger 2.0,
 * OpenAPI 3.0 and 3.1 spell a few keywords differently; the helpers here accept every spelling, so
 * the arbitraries need not know the dialect.
 */
export type JsonSchema = { readonly [keyword: string]: unknown };

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'null';

const JSON_TYPES: readonly string[] = ['string', 'number', 'integer', 'boolean', 'array', 'object', 'null'];

export function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asSchema(value: unknown): JsonSchema {
  return isSchema(value) ? value : {};
}

export function schemaList(value: unknown): JsonSchema[] {
  return Array.isArray(value) ? value.filter(isSchema) : [];
}

export function numberKeyword(schema: JsonSchema, keyword: string): number | undefined {
  const value = schema[keyword];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function stringKeyword(schema: JsonSchema, keyword: string): string | undefined {
  const value = schema[keyword];
  return typeof value === 'string' ? value : undefined;
}

/** `nullable: true` (3.0) or `x-nullable: true` (Swagger 2.0 extension); 3.1 says `type: [.., 'null']`. */
export function isNullable(schema: JsonSchema): boolean {
  return schema.nullable === true || schema['x-nullable'] === true;
}

/**
 * The types a schema allows: `type` as a string or a list (3.1), plus null when nullable. Without
 * `type`, the type is inferred from the keywords present, as validators would accept anything
 * else; `[]` means any type.
 */
export function typesOf(schema: JsonSchema): JsonType[] {
  const declared = schema.type;
  let types: string[];
  if (typeof declared === 'string') types = [declared];
  else if (Array.isArray(declared)) types = declared.filter((t): t is string => typeof t === 'string');
  else types = inferredTypes(schema);
  const known = types.filter((t): t is JsonType => JSON_TYPES.includes(t));
  if (known.length > 0 && isNullable(schema) && !known.includes('null')) known.push('null');
  return known;
}

function inferredTypes(schema: JsonSchema): string[] {
  if ('properties' in schema || 'required' in schema || 'additionalProperties' in schema) return ['object'];
  if ('items' in schema || 'prefixItems' in schema || 'minItems' in schema || 'maxItems' in schema) return ['array'];
  if ('minimum' in schema || 'maximum' in schema || 'multipleOf' in schema) return ['number'];
  if ('exclusiveMinimum' in schema || 'exclusiveMaximum' in schema) return ['number'];
  if ('pattern' in schema || 'minLength' in schema || 'maxLength' in schema || 'format' in schema) return ['string'];
  return [];
}

/** `examples` (a list in 3.1 schemas), `example` (3.0, 2.0), `x-example` (2.0 parameters), then `default`. */
export function schemaExamples(schema: JsonSchema): unknown[] {
  const found: unknown[] = [];
  if (Array.isArray(schema.examples)) found.push(...schema.examples);
  if ('example' in schema && schema.example !== undefined) found.push(schema.example);
  if ('x-example' in schema && schema['x-example'] !== undefined) found.push(schema['x-example']);
  if ('default' in schema && schema.default !== undefined) found.push(schema.default);
  return found;
}

/** Lower bound and whether it is excluded: `exclusiveMinimum` is a flag in 2.0/3.0, a number in 3.1. */
export function lowerBound(schema: JsonSchema): { value: number; excluded: boolean } | undefined {
  const exclusive = schema.exclusiveMinimum;
  const minimum = numberKeyword(schema, 'minimum');
  if (typeof exclusive === 'number' && Number.isFinite(exclusive)) {
    return minimum !== undefined && minimum > exclusive ? { value: minimum, excluded: false } : { value: exclusive, excluded: true };
  }
  return minimum === undefined ? undefined : { value: minimum, excluded: exclusive === true };
}

export function upperBound(schema: JsonSchema): { value: number; excluded: boolean } | undefined {
  const exclusive = schema.exclusiveMaximum;
  const maximum = numberKeyword(schema, 'maximum');
  if (typeof exclusive === 'number' && Number.isFinite(exclusive)) {
    return maximum !== undefined && maximum < exclusive ? { value: maximum, excluded: false } : { value: exclusive, excluded: true };
  }
  return maximum === undefined ? undefined : { value: maximum, excluded: exclusive === true };
}

/** The required property names of an object schema. */
export function requiredNames(schema: JsonSchema): string[] {
  return Array.isArray(schema.required) ? schema.required.filter((n): n is string => typeof n === 'string') : [];
}

export function propertiesOf(schema: JsonSchema): Record<string, JsonSchema> {
  const properties = schema.properties;
  if (!isSchema(properties)) return {};
  const out: Record<string, JsonSchema> = {};
  for (const [name, sub] of Object.entries(properties)) out[name] = isSchema(sub) ? sub : {};
  return out;
}
