import fc from 'fast-check';
import type { ResolvedHttpConstraints } from '../constraints.js';

// Repeated units: plain characters, nested segments, dot segments, escapes that may get cut in half.
const LONG_PATH_PIECES = ['a', 'segment/', '../', '%41', 'x/./', 'dir/'];

/**
 * A long path, from a few hundred bytes up to `maxPathBytes`: nginx answers 414 once the request
 * line outgrows its header buffer (8 KiB by default).
 */
export function longPathArbitrary(c: ResolvedHttpConstraints): fc.Arbitrary<string> {
  const max = c.maxPathBytes;
  const length = fc.oneof(
    fc.integer({ min: Math.min(256, max), max: Math.min(1024, max) }),
    fc.integer({ min: Math.min(1025, max), max: Math.min(4096, max) }),
    fc.integer({ min: Math.min(4097, max), max }),
  );
  return fc.tuple(length, fc.constantFrom(...LONG_PATH_PIECES)).map(([bytes, piece]) => {
    const body = piece.repeat(Math.ceil(bytes / piece.length));
    return `/${body}`.slice(0, bytes);
  });
}
