import fc from 'fast-check';
import type { HeaderPair } from '../unit.js';

/** Connection: keep-alive or close (the only values undici passes on). */
export function connectionHeaderArbitrary(): fc.Arbitrary<HeaderPair> {
  return fc.constantFrom('keep-alive', 'close').map((value): HeaderPair => ['Connection', value]);
}
