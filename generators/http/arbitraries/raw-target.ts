import fc from 'fast-check';
import type { ResolvedHttpConstraints } from '../constraints.js';
import { pathArbitrary } from './path.js';

/** A request-target for a raw request: origin-form mostly, absolute-form or '*' sometimes. */
export function rawTargetArbitrary(c: ResolvedHttpConstraints): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 8, arbitrary: pathArbitrary(c) },
    { weight: 1, arbitrary: pathArbitrary(c).map((path) => `http://sandfuzz.test${path}`.slice(0, c.maxPathBytes)) },
    { weight: 1, arbitrary: fc.constant('*') },
  );
}
