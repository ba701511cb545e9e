import fc from 'fast-check';
import type { ResolvedHttpConstraints } from '../constraints.js';

/**
 * An existing path with some characters percent-encoded (the slashes too, sometimes), in upper or
 * lower case hex: the server must decode it back to the same file, or refuse it.
 */
export function encodedPathArbitrary(c: ResolvedHttpConstraints): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...c.paths), fc.nat(), fc.boolean()).map(([path, mask, lowerHex]) => {
    let out = '/';
    for (let i = 1; i < path.length; i++) {
      // Bit i of the mask (cycling every 30 characters) picks the characters to encode.
      const encode = ((mask >>> (i % 30)) & 1) === 1;
      const hex = path.charCodeAt(i).toString(16).padStart(2, '0');
      out += encode ? `%${lowerHex ? hex : hex.toUpperCase()}` : path[i];
    }
    return out;
  });
}

// Truncated escapes, non-hex digits, NUL, overlong UTF-8 for '/', and an escaped percent sign.
const INVALID_ESCAPES = ['%', '%z', '%zz', '%0', '%00', '%2', '%G1', '%C0%AF', '%ff%fe', '%%', '%2e%2e%2f'];

/** An existing path with an invalid or hostile escape sequence inserted somewhere. */
export function invalidEncodingPathArbitrary(c: ResolvedHttpConstraints): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...c.paths), fc.constantFrom(...INVALID_ESCAPES), fc.nat()).map(([path, flaw, at]) => {
    const cut = 1 + (at % path.length);
    return path.slice(0, cut) + flaw + path.slice(cut);
  });
}
