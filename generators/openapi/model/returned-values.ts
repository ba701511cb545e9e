import { isSchema, propertiesOf, typesOf, type JsonSchema } from '../schema/json-schema.js';
import { mergeAllOf } from '../schema/merge-all-of.js';
import { mediaKind } from './media.js';
import type { ReturnedValues } from './operation.js';

function isSuccess(code: string): boolean {
  return /^2(\d\d|XX)$/i.test(code);
}

/** The JSON schema of a 2xx response: 3.x `content`, or 2.0 `schema`. */
function jsonSchemaOf(response: Record<string, unknown>): JsonSchema | null {
  if (isSchema(response.schema)) return response.schema;
  if (!isSchema(response.content)) return null;
  for (const [contentType, media] of Object.entries(response.content)) {
    if (mediaKind(contentType) === 'json' && isSchema(media) && isSchema(media.schema)) return media.schema;
  }
  return null;
}

/** Property names of an object schema, allOf folded in and a oneOf/anyOf's branches united. */
function propertyNames(schema: JsonSchema): string[] {
  const merged = mergeAllOf(schema);
  const names = new Set(Object.keys(propertiesOf(merged)));
  for (const branch of [merged.oneOf, merged.anyOf].flat()) {
    if (isSchema(branch)) for (const name of Object.keys(propertiesOf(mergeAllOf(branch)))) names.add(name);
  }
  return [...names];
}

/** What the operation's 2xx answers return that a later step could use: see ReturnedValues. */
export function returnedValues(responses: unknown): ReturnedValues {
  const properties = new Set<string>();
  const itemProperties = new Set<string>();
  let location = false;
  for (const [code, response] of Object.entries(isSchema(responses) ? responses : {})) {
    if (!isSuccess(code) || !isSchema(response)) continue;
    if (isSchema(response.headers) && Object.keys(response.headers).some((h) => h.toLowerCase() === 'location')) location = true;
    const schema = jsonSchemaOf(response);
    if (!schema) continue;
    const merged = mergeAllOf(schema);
    if (typesOf(merged).includes('array') && isSchema(merged.items)) {
      for (const name of propertyNames(merged.items)) itemProperties.add(name);
    } else {
      for (const name of propertyNames(merged)) properties.add(name);
    }
  }
  return { properties: [...properties], itemProperties: [...itemProperties], location };
}
