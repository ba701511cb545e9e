import fc from 'fast-check';
import type { RawRequest } from '../unit.js';

/** HTTP/1.0 or HTTP/1.1 for a raw request line. */
export function httpVersionArbitrary(): fc.Arbitrary<RawRequest['version']> {
  return fc.constantFrom('HTTP/1.0', 'HTTP/1.1');
}
