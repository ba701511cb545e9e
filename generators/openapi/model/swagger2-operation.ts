import { asSchema, isSchema, schemaExamples, type JsonSchema } from '../schema/json-schema.js';
import { mediaKind, mediaSpec, orderMedia } from './media.js';
import type { BodySpec, ParameterLocation, ParameterSpec, ParameterStyle } from './operation.js';

// The keywords a Swagger 2.0 non-body parameter carries inline, which make up its schema.
const SCHEMA_KEYWORDS = [
  'type',
  'format',
  'items',
  'default',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'enum',
  'multipleOf',
  'x-example',
] as const;

function isFormType(contentType: string): boolean {
  const kind = mediaKind(contentType);
  return kind === 'form' || kind === 'multipart';
}

/** The inline schema of a non-body parameter; `type: file` is a binary string. */
export function inlineSchema(raw: Record<string, unknown>): JsonSchema {
  const schema: Record<string, unknown> = {};
  for (const key of SCHEMA_KEYWORDS) if (key in raw) schema[key] = raw[key];
  if (schema.type === 'file') return { type: 'string', format: 'binary' };
  if (isSchema(schema.items)) schema.items = inlineSchema(schema.items);
  return schema;
}

/** `collectionFormat` as an OpenAPI 3 style: csv is simple/form unexploded, multi is form exploded. */
function styleOf(location: ParameterLocation, collectionFormat: unknown): { style: ParameterStyle; explode: boolean } {
  const csv: ParameterStyle = location === 'query' ? 'form' : 'simple';
  switch (collectionFormat) {
    case 'ssv':
      return { style: 'spaceDelimited', explode: false };
    case 'tsv':
      return { style: 'tabDelimited', explode: false };
    case 'pipes':
      return { style: 'pipeDelimited', explode: false };
    case 'multi':
      return { style: 'form', explode: true };
    default:
      return { style: csv, explode: false };
  }
}

/** A Swagger 2.0 path, query or header parameter, or null for body, formData and the rest. */
export function swagger2Parameter(raw: Record<string, unknown>): ParameterSpec | null {
  const location = raw.in;
  if (typeof raw.name !== 'string' || (location !== 'path' && location !== 'query' && location !== 'header')) return null;
  const schema = inlineSchema(raw);
  return {
    name: raw.name,
    in: location,
    required: location === 'path' || raw.required === true,
    schema,
    ...styleOf(location, raw.collectionFormat),
    examples: schemaExamples(schema),
  };
}

/**
 * The body of a Swagger 2.0 operation: the `in: body` parameter's schema for each JSON (or other)
 * type in `consumes`, or the `in: formData` parameters as one object schema for the form types.
 */
export function swagger2Body(parameters: readonly Record<string, unknown>[], consumes: readonly string[]): BodySpec | null {
  const body = parameters.find((p) => p.in === 'body');
  if (body) {
    const schema = asSchema(body.schema);
    const types = consumes.filter((t) => !isFormType(t));
    const media = (types.length > 0 ? types : ['application/json']).map((t) => mediaSpec(t, schema, schemaExamples(schema)));
    return { required: body.required === true, media: orderMedia(media) };
  }
  const fields = parameters.filter((p) => p.in === 'formData' && typeof p.name === 'string');
  if (fields.length === 0) return null;
  const properties = Object.fromEntries(fields.map((f) => [f.name as string, inlineSchema(f)]));
  const required = fields.filter((f) => f.required === true).map((f) => f.name as string);
  const schema: JsonSchema = { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
  const hasFile = fields.some((f) => f.type === 'file');
  const declared = consumes.filter((t) => mediaKind(t) === 'form' || mediaKind(t) === 'multipart');
  const types = declared.length > 0 ? declared : [hasFile ? 'multipart/form-data' : 'application/x-www-form-urlencoded'];
  return { required: required.length > 0, media: orderMedia(types.map((t) => mediaSpec(t, schema, []))) };
}
