import fc from 'fast-check';
import type { HeaderPair } from '../unit.js';

// With `gzip on` or `gzip_static on` these switch nginx from sendfile to the compression path.
const ACCEPT_ENCODINGS = ['gzip', 'gzip, deflate, br', 'br;q=1.0, gzip;q=0.5, *;q=0', 'identity', '*', 'x-unknown', ''];

/** An Accept-Encoding header. */
export function acceptEncodingHeaderArbitrary(): fc.Arbitrary<HeaderPair> {
  return fc.constantFrom(...ACCEPT_ENCODINGS).map((value): HeaderPair => ['Accept-Encoding', value]);
}
