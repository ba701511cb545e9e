/**
 * A decoded RESP reply. RESP2 yields simple strings, errors, integers, bulk strings, nulls and
 * arrays; the other shapes only arrive on a connection that switched to RESP3 with `HELLO 3`.
 * Integers, doubles and big numbers keep their decimal text so nothing is rounded.
 */
export type RespValue =
  | { readonly type: 'simple'; readonly text: string }
  /** `-ERR ...` or a RESP3 blob error `!`: the full message, prefix included. */
  | { readonly type: 'error'; readonly text: string }
  | { readonly type: 'integer'; readonly text: string }
  | { readonly type: 'bulk'; readonly bytes: Buffer }
  /** RESP3 verbatim string `=`: a three-letter format (txt, mkd) and the bytes. */
  | { readonly type: 'verbatim'; readonly format: string; readonly bytes: Buffer }
  /** `$-1`, `*-1` (RESP2) and `_` (RESP3). */
  | { readonly type: 'null' }
  | { readonly type: 'double'; readonly text: string }
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'bignum'; readonly text: string }
  | { readonly type: 'array'; readonly items: readonly RespValue[] }
  | { readonly type: 'set'; readonly items: readonly RespValue[] }
  /** RESP3 out-of-band data (`>`): pub/sub messages, tracking invalidations. */
  | { readonly type: 'push'; readonly items: readonly RespValue[] }
  | { readonly type: 'map'; readonly entries: readonly (readonly [RespValue, RespValue])[] };

/** A JSON view of a reply: strings for text and bulk, numbers for safe integers, arrays, null. */
export type PlainValue = string | number | boolean | null | { readonly error: string } | PlainValue[];

/**
 * The JSON view the grammar builder and the fixtures use. Maps flatten to key, value, key...
 * (the RESP2 shape of the same reply), so RESP2 and RESP3 answers build the same grammar.
 */
export function toPlain(value: RespValue): PlainValue {
  switch (value.type) {
    case 'simple':
    case 'double':
    case 'bignum':
      return value.text;
    case 'error':
      return { error: value.text };
    case 'integer': {
      const n = Number(value.text);
      return Number.isSafeInteger(n) ? n : value.text;
    }
    case 'bulk':
    case 'verbatim':
      return value.bytes.toString('utf8');
    case 'null':
      return null;
    case 'boolean':
      return value.value;
    case 'array':
    case 'set':
    case 'push':
      return value.items.map(toPlain);
    case 'map':
      return value.entries.flatMap(([k, v]) => [toPlain(k), toPlain(v)]);
  }
}

/** The bytes of a string-like reply (simple, bulk, verbatim), or null for anything else. */
export function textOf(value: RespValue): string | null {
  if (value.type === 'simple') return value.text;
  if (value.type === 'bulk' || value.type === 'verbatim') return value.bytes.toString('latin1');
  return null;
}

/** The elements of an aggregate reply (array, set, push), or null for anything else. */
export function itemsOf(value: RespValue): readonly RespValue[] | null {
  return value.type === 'array' || value.type === 'set' || value.type === 'push' ? value.items : null;
}
