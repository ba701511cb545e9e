import type fc from 'fast-check';
import type { JsonSchema } from './json-schema.js';

/** Which characters plain strings are drawn from. */
export type Charset =
  /** Printable ASCII plus a few accented, CJK and control characters: JSON bodies. */
  | 'body'
  /** Printable ASCII: query, header and cookie values (encoded or sent as-is). */
  | 'text'
  /** Letters, digits, '-' and '_': path segments that must route to the same handler. */
  | 'token';

/** How schemaToArbitrary builds values. Every field is optional. */
export interface SchemaArbitraryOptions {
  /**
   * Draw from `examples`/`example`/`default` wherever a schema has them (the examples phase).
   * @defaultValue false
   */
  readonly preferExamples?: boolean;
  /**
   * Nesting below which only required properties and minimal arrays are generated.
   * @defaultValue 4
   */
  readonly maxDepth?: number;
  /**
   * Most items in a generated array (unless minItems asks for more).
   * @defaultValue 4
   */
  readonly maxItems?: number;
  /**
   * Longest plain string (unless minLength asks for more).
   * @defaultValue 32
   */
  readonly maxStringLength?: number;
  /** @defaultValue 'body' */
  readonly charset?: Charset;
  /**
   * 'request' leaves readOnly properties out (servers reject or ignore them), 'response' writeOnly.
   * @defaultValue 'request'
   */
  readonly direction?: 'request' | 'response';
}

/** What every builder sees: the options resolved, plus caches for the one schemaToArbitrary call. */
export interface BuildContext {
  readonly preferExamples: boolean;
  readonly maxDepth: number;
  readonly maxItems: number;
  readonly maxStringLength: number;
  readonly charset: Charset;
  readonly direction: 'request' | 'response';
  /** One arbitrary per (schema object, depth): shared subschemas are built once. */
  readonly built: WeakMap<JsonSchema, Map<number, fc.Arbitrary<unknown>>>;
  /** allOf folded once per schema object. */
  readonly merged: WeakMap<JsonSchema, JsonSchema>;
}

export function buildContext(options: SchemaArbitraryOptions = {}): BuildContext {
  return {
    preferExamples: options.preferExamples ?? false,
    maxDepth: options.maxDepth ?? 4,
    maxItems: options.maxItems ?? 4,
    maxStringLength: options.maxStringLength ?? 32,
    charset: options.charset ?? 'body',
    direction: options.direction ?? 'request',
    built: new WeakMap(),
    merged: new WeakMap(),
  };
}
