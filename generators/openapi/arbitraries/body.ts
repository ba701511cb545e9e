import fc from 'fast-check';
import type { BodySpec, MediaSpec } from '../model/operation.js';
import { isSchema, propertiesOf, stringKeyword } from '../schema/json-schema.js';
import { mergeAllOf } from '../schema/merge-all-of.js';
import { schemaToArbitrary } from '../schema/schema-to-arbitrary.js';
import type { JsonValue, StepBody } from '../unit.js';
import { copiedConstants, type GenerationLimits, type ValueMode } from './limits.js';

/** Top-level fields sent as file parts: `format: binary`, or 3.1's contentMediaType/contentEncoding. */
export function fileFields(media: MediaSpec): string[] {
  return Object.entries(propertiesOf(mergeAllOf(media.schema)))
    .filter(([, property]) => {
      const items = isSchema(property.items) ? property.items : property;
      return stringKeyword(items, 'format') === 'binary' || 'contentMediaType' in items || 'contentEncoding' in items;
    })
    .map(([name]) => name);
}

/** A value as a body of the media type. */
export function bodyOf(media: MediaSpec, value: JsonValue): StepBody {
  switch (media.kind) {
    case 'json':
      return { kind: 'json', contentType: media.contentType, value };
    case 'form':
      return { kind: 'form', contentType: media.contentType, value };
    case 'multipart':
      return { kind: 'multipart', contentType: media.contentType, value, files: fileFields(media) };
    case 'text':
      return { kind: 'text', contentType: media.contentType, text: typeof value === 'string' ? value : JSON.stringify(value) };
  }
}

/** Values for a body of this media type: its examples in the examples phase, else schema-valid values. */
export function bodyValueArbitrary(media: MediaSpec, mode: ValueMode, limits: GenerationLimits): fc.Arbitrary<JsonValue> {
  if (mode === 'example' && media.examples.length > 0) return copiedConstants(media.examples) as fc.Arbitrary<JsonValue>;
  return schemaToArbitrary(media.schema, { ...limits, preferExamples: mode === 'example' }) as fc.Arbitrary<JsonValue>;
}

/**
 * The body of one request, in the first media type the operation accepts (JSON before forms).
 * An optional body is sent seven times in eight: bodies are where most handler code is.
 */
export function bodyArbitrary(body: BodySpec | null, mode: ValueMode, limits: GenerationLimits, always = false): fc.Arbitrary<StepBody | null> {
  const media = body?.media[0];
  if (!body || !media) return fc.constant(null);
  const sent = bodyValueArbitrary(media, mode, limits).map((value) => bodyOf(media, value));
  return body.required || always || mode === 'example' ? sent : fc.option(sent, { nil: null, freq: 8 });
}
