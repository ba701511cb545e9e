import { asSchema, isSchema, schemaExamples } from '../schema/json-schema.js';
import { mediaSpec, namedExamples, orderMedia } from './media.js';
import type { BodySpec, ParameterLocation, ParameterSpec, ParameterStyle } from './operation.js';

const LOCATIONS: readonly string[] = ['path', 'query', 'header', 'cookie'];
const STYLES: readonly string[] = ['simple', 'label', 'matrix', 'form', 'spaceDelimited', 'pipeDelimited', 'deepObject'];
// OpenAPI 3: header parameters of these names "SHALL be ignored"; the body and security set them.
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

/** An OpenAPI 3.x parameter object, or null for one the generator does not send. */
export function oas3Parameter(raw: Record<string, unknown>): ParameterSpec | null {
  const location = raw.in;
  if (typeof raw.name !== 'string' || typeof location !== 'string' || !LOCATIONS.includes(location)) return null;
  if (location === 'header' && IGNORED_HEADERS.has(raw.name.toLowerCase())) return null;
  // A parameter may give `content` instead of `schema`: its single media type's schema.
  const content = isSchema(raw.content) ? Object.values(raw.content).find(isSchema) : undefined;
  const schema = asSchema(raw.schema ?? content?.schema);
  const defaultStyle: ParameterStyle = location === 'query' || location === 'cookie' ? 'form' : 'simple';
  const style = typeof raw.style === 'string' && STYLES.includes(raw.style) ? (raw.style as ParameterStyle) : defaultStyle;
  return {
    name: raw.name,
    in: location as ParameterLocation,
    required: location === 'path' || raw.required === true,
    schema,
    style,
    explode: typeof raw.explode === 'boolean' ? raw.explode : style === 'form',
    examples: [...namedExamples(raw), ...(content ? namedExamples(content) : []), ...schemaExamples(schema)],
  };
}

/** An OpenAPI 3.x requestBody, or null without one (or without any media type). */
export function oas3Body(raw: unknown): BodySpec | null {
  if (!isSchema(raw) || !isSchema(raw.content)) return null;
  const media = Object.entries(raw.content)
    .filter(([, m]) => isSchema(m))
    .map(([contentType, m]) => {
      const spec = m as Record<string, unknown>;
      return mediaSpec(contentType, spec.schema, [...namedExamples(spec), ...schemaExamples(asSchema(spec.schema))]);
    });
  return media.length === 0 ? null : { required: raw.required === true, media: orderMedia(media) };
}
