import fc from 'fast-check';
import type { ResolvedHttpConstraints } from '../constraints.js';
import { encodedPathArbitrary, invalidEncodingPathArbitrary } from './encoded-path.js';
import { longPathArbitrary } from './long-path.js';
import { presentOneIn } from './optional.js';
import { queryStringArbitrary } from './query-string.js';

/** Paths that exist on the target, as given in the constraints. */
export function existingPathArbitrary(c: ResolvedHttpConstraints): fc.Arbitrary<string> {
  return fc.constantFrom(...c.paths);
}

/**
 * Paths that look like programs rather than files (CGI, scripts, form actions, queries): where a
 * request body is read, spooled to temp files and handed to a child process.
 */
const DYNAMIC = /\/cgi-bin\/|\.(cgi|pl|py|php|sh|rb|lua|asp|aspx|jsp|fcgi)([?/]|$)|\?/i;

/** The target's dynamic-looking paths, or its existing paths when it has none. */
export function dynamicPathArbitrary(c: ResolvedHttpConstraints): fc.Arbitrary<string> {
  const dynamic = c.paths.filter((p) => DYNAMIC.test(p));
  return dynamic.length > 0 ? fc.constantFrom(...dynamic) : existingPathArbitrary(c);
}

const NAME_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789-_'.split('');

/** Paths that are almost right: a suffix, a missing file, a file used as a directory. */
export function missingPathArbitrary(c: ResolvedHttpConstraints): fc.Arbitrary<string> {
  const suffixes = ['.bak', '~', '/', 'x', '/missing', '.gz', '/../missing'];
  return fc.oneof(
    fc.tuple(existingPathArbitrary(c), fc.constantFrom(...suffixes)).map(([p, s]) => p + s),
    fc.string({ unit: fc.constantFrom(...NAME_CHARS), maxLength: 24, size: 'max' }).map((name) => `/missing-${name}`),
  );
}

// Segments a normaliser must resolve; some climb above the root, which nginx refuses with 400.
const DOT_SEGMENTS = ['./', '../', 'dir/../', '.../', './/', 'x/../', '.%2e/', '%2e%2e/', '//'];

/** Existing paths behind dot segments and doubled slashes. */
export function dotSegmentPathArbitrary(c: ResolvedHttpConstraints): fc.Arbitrary<string> {
  const segments = fc.array(fc.constantFrom(...DOT_SEGMENTS), { minLength: 1, maxLength: 4, size: 'max' });
  return fc.tuple(existingPathArbitrary(c), segments).map(([path, segments]) => `/${segments.join('')}${path.slice(1)}`);
}

/** A path with an optional query string, never longer than `maxPathBytes`. */
export function pathArbitrary(c: ResolvedHttpConstraints): fc.Arbitrary<string> {
  const bare = fc.oneof(
    { weight: 8, arbitrary: existingPathArbitrary(c) },
    { weight: 2, arbitrary: missingPathArbitrary(c) },
    { weight: 1, arbitrary: encodedPathArbitrary(c) },
    { weight: 1, arbitrary: invalidEncodingPathArbitrary(c) },
    { weight: 1, arbitrary: dotSegmentPathArbitrary(c) },
    { weight: 1, arbitrary: longPathArbitrary(c) },
  );
  return fc
    .tuple(bare, presentOneIn(queryStringArbitrary(), 4))
    .map(([path, query]) => (query === null ? path : path + query).slice(0, c.maxPathBytes));
}
