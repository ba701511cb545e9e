import {
  isSchema,
  numberKeyword,
  propertiesOf,
  requiredNames,
  schemaList,
  typesOf,
  upperBound,
  lowerBound,
  type JsonSchema,
} from '../schema/json-schema.js';
import { mergeAllOf } from '../schema/merge-all-of.js';
import type { JsonValue } from '../unit.js';

/**
 * Where a value can be made invalid for its schema, and with what. Found on plain schemas only
 * (allOf folded in, no oneOf/anyOf): there the flawed value provably fails validation, so a
 * deliberately invalid request is invalid, not a guess.
 */
export interface FlawTarget {
  readonly kind: 'wrong-type' | 'out-of-range' | 'bad-enum';
  readonly replacement: JsonValue;
}

// Long strings are not worth writing just to break a maxLength.
const MAX_OVERLONG = 1024;

/** A plain schema (allOf folded), or null when its validity depends on a branch choice. */
export function plainSchema(schema: JsonSchema): JsonSchema | null {
  const merged = mergeAllOf(schema);
  if (schemaList(merged.oneOf).length > 0 || schemaList(merged.anyOf).length > 0 || 'not' in merged || 'if' in merged) return null;
  return merged;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A value none of the types allows (integers count as numbers), or null if every type is allowed. */
export function wrongTypeValue(schema: JsonSchema, textOnly = false): JsonValue | null {
  const types = typesOf(schema);
  if (types.length === 0 || 'const' in schema) return null;
  const numeric = types.includes('number') || types.includes('integer');
  const candidates: [JsonValue, boolean][] = [
    ['sandfuzz', types.includes('string')],
    [987654, numeric],
    [true, types.includes('boolean')],
    [{ sandfuzz: 1 }, types.includes('object')],
    [['sandfuzz'], types.includes('array')],
  ];
  // A form field is text on the wire: only a word where a number or boolean belongs is wrong there.
  const usable = textOnly ? candidates.slice(0, 1) : candidates;
  return usable.find(([, allowed]) => !allowed)?.[0] ?? null;
}

function outOfRangeValue(schema: JsonSchema): JsonValue | null {
  const types = typesOf(schema);
  if (types.includes('integer') || types.includes('number')) {
    const hi = upperBound(schema);
    if (hi) return hi.excluded ? hi.value : Math.floor(hi.value) + 1;
    const lo = lowerBound(schema);
    if (lo) return lo.excluded ? lo.value : Math.ceil(lo.value) - 1;
  }
  if (types.length === 1 && types[0] === 'string' && !('format' in schema) && !('enum' in schema)) {
    const maxLength = numberKeyword(schema, 'maxLength');
    if (maxLength !== undefined && maxLength < MAX_OVERLONG) return 'x'.repeat(Math.floor(maxLength) + 1);
    const minLength = numberKeyword(schema, 'minLength');
    if (minLength !== undefined && minLength >= 1) return '';
  }
  return null;
}

function badEnumValue(schema: JsonSchema): JsonValue | null {
  if (!Array.isArray(schema.enum) || schema.enum.length === 0) return null;
  const enumValues = schema.enum;
  const candidates: JsonValue[] = ['sandfuzz-not-in-enum', -987654321, false, true];
  return candidates.find((c) => !enumValues.some((v) => sameJson(v, c))) ?? null;
}

/** Every flaw the value of this schema can get. */
export function valueFlaws(schema: JsonSchema, textOnly = false): FlawTarget[] {
  const plain = plainSchema(schema);
  if (!plain) return [];
  const flaws: FlawTarget[] = [];
  const wrong = wrongTypeValue(plain, textOnly);
  if (wrong !== null && !Array.isArray(plain.enum)) flaws.push({ kind: 'wrong-type', replacement: wrong });
  const range = outOfRangeValue(plain);
  if (range !== null) flaws.push({ kind: 'out-of-range', replacement: range });
  const badEnum = badEnumValue(plain);
  if (badEnum !== null) flaws.push({ kind: 'bad-enum', replacement: badEnum });
  return flaws;
}

/** A flaw at a top-level property of an object body (`property` null: the body itself). */
export interface BodyFlaw extends FlawTarget {
  readonly property: string | null;
}

/** The flaws a body of this schema can get: at each sent top-level property, or at the root. */
export function bodyFlaws(schema: JsonSchema, textOnly: boolean): BodyFlaw[] {
  const plain = plainSchema(schema);
  if (!plain) return [];
  const properties = Object.entries(propertiesOf(plain)).filter(([, p]) => isSchema(p) && p.readOnly !== true);
  if (typesOf(plain).includes('object') && properties.length > 0) {
    return properties.flatMap(([name, property]) => valueFlaws(property, textOnly).map((f) => ({ ...f, property: name })));
  }
  return textOnly ? [] : valueFlaws(plain).map((f) => ({ ...f, property: null }));
}

/** Required top-level properties of a body schema that a request sends (not readOnly). */
export function requiredFields(schema: JsonSchema): string[] {
  const plain = plainSchema(schema);
  if (!plain) return [];
  const properties = propertiesOf(plain);
  return requiredNames(plain).filter((name) => properties[name]?.readOnly !== true);
}
