import type { JsonValue, StepParameter } from '../unit.js';

/** A scalar as text: null is empty, nested arrays and objects are JSON. */
function text(value: JsonValue): string {
  if (value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function isObject(value: JsonValue): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** encodeURIComponent, plus '.' and '..' so that a value never becomes a dot segment. */
function encodeSegment(value: string): string {
  const encoded = encodeURIComponent(value);
  return encoded === '.' || encoded === '..' ? encoded.replace(/\./g, '%2E') : encoded;
}

/** A path parameter's value (simple, label or matrix style), percent-encoded. */
export function pathValue(p: Pick<StepParameter, 'name' | 'style' | 'explode'>, value: JsonValue): string {
  const enc = (v: JsonValue): string => encodeSegment(text(v));
  const pairs = isObject(value) ? Object.entries(value) : [];
  const list = Array.isArray(value) ? value.map(enc) : isObject(value) ? pairs.flatMap(([k, v]) => [encodeSegment(k), enc(v)]) : [enc(value)];
  const exploded = isObject(value) && p.explode ? pairs.map(([k, v]) => `${encodeSegment(k)}=${enc(v)}`) : list;
  switch (p.style) {
    case 'label':
      return `.${exploded.join(p.explode ? '.' : ',')}`;
    case 'matrix': {
      const name = encodeSegment(p.name);
      if (Array.isArray(value) && p.explode) return list.map((v) => `;${name}=${v}`).join('');
      if (isObject(value) && p.explode) return exploded.map((kv) => `;${kv}`).join('');
      return `;${name}=${list.join(',')}`;
    }
    default:
      return exploded.join(',');
  }
}

const DELIMITERS: Readonly<Record<string, string>> = { spaceDelimited: '%20', pipeDelimited: '|', tabDelimited: '%09' };

/** The `name=value` pairs of a query parameter in its style, percent-encoded. */
export function queryPairs(p: StepParameter, value: JsonValue): string[] {
  const name = encodeURIComponent(p.name);
  const enc = (v: JsonValue): string => encodeURIComponent(text(v));
  if (Array.isArray(value)) {
    const delimiter = DELIMITERS[p.style];
    if (delimiter) return [`${name}=${value.map(enc).join(delimiter)}`];
    return p.explode ? value.map((v) => `${name}=${enc(v)}`) : [`${name}=${value.map(enc).join(',')}`];
  }
  if (isObject(value)) {
    const entries = Object.entries(value);
    if (p.style === 'deepObject') return entries.map(([k, v]) => `${name}%5B${encodeURIComponent(k)}%5D=${enc(v)}`);
    if (p.explode) return entries.map(([k, v]) => `${encodeURIComponent(k)}=${enc(v)}`);
    return [`${name}=${entries.map(([k, v]) => `${encodeURIComponent(k)},${enc(v)}`).join(',')}`];
  }
  return [`${name}=${enc(value)}`];
}

/**
 * A header or cookie value (simple style). Characters a header cannot carry (controls, and
 * anything past Latin-1) are percent-encoded: the request must be sendable at all.
 */
export function headerValue(value: JsonValue, explode: boolean): string {
  let raw: string;
  if (Array.isArray(value)) raw = value.map(text).join(',');
  else if (isObject(value))
    raw = Object.entries(value)
      .map(([k, v]) => (explode ? `${k}=${text(v)}` : `${k},${text(v)}`))
      .join(',');
  else raw = text(value);
  return raw.replace(/[^\t\x20-\x7e]/gu, (ch) => encodeURIComponent(ch)).trim();
}

/** Header names undici accepts: an HTTP token. */
export const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
