import fc from 'fast-check';
import type { BuildContext, Charset } from './context.js';
import { formatArbitrary } from './format-arbitrary.js';
import { numberKeyword, stringKeyword, type JsonSchema } from './json-schema.js';

const printableAscii = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));
// Mostly ASCII; now and then a character that takes the server's UTF-8 and escaping paths. All in
// the BMP, so a JavaScript server's `.length` agrees with JSON Schema's code-point count.
const bodyChar = fc.oneof({ weight: 20, arbitrary: printableAscii }, { weight: 1, arbitrary: fc.constantFrom('é', 'ß', 'Ω', '漢', '\n', '\t') });
const tokenChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_');

const UNITS: Readonly<Record<Charset, fc.Arbitrary<string>>> = { body: bodyChar, text: printableAscii, token: tokenChar };

/** A JSON Schema `pattern` as a RegExp, or null when JavaScript cannot read it. */
function patternRegExp(pattern: string): RegExp | null {
  for (const flags of ['u', '']) {
    try {
      return new RegExp(pattern, flags);
    } catch {
      // Try the next flags; a pattern neither reads is left out.
    }
  }
  return null;
}

/**
 * Strings for a string schema: its format when known, else its pattern (fc.stringMatching), else
 * plain characters of the charset between minLength and maxLength (bounded by maxStringLength).
 * A pattern's own minLength is not enforced: a regex defines its lengths, and filtering could
 * starve the generator.
 */
export function stringArbitrary(schema: JsonSchema, ctx: BuildContext): fc.Arbitrary<string> {
  const minLength = Math.max(0, Math.floor(numberKeyword(schema, 'minLength') ?? 0));
  const declaredMax = numberKeyword(schema, 'maxLength');
  const maxLength = Math.max(minLength, Math.min(declaredMax ?? Number.MAX_SAFE_INTEGER, Math.max(minLength, ctx.maxStringLength)));
  const format = stringKeyword(schema, 'format');
  const formatted = format === undefined ? null : formatArbitrary(format, ctx);
  if (formatted) return formatted;
  const pattern = stringKeyword(schema, 'pattern');
  const regex = pattern === undefined ? null : patternRegExp(pattern);
  if (regex) {
    // Without a declared maxLength the pattern alone bounds the length; 'small' keeps it short.
    return declaredMax === undefined
      ? fc.stringMatching(regex, { size: 'small' })
      : fc.stringMatching(regex, { maxLength: Math.floor(declaredMax), size: 'small' });
  }
  return fc.string({ unit: UNITS[ctx.charset], minLength, maxLength, size: 'max' });
}
