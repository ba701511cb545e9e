import fc from 'fast-check';
import type { HeaderPair } from '../unit.js';
import { acceptEncodingHeaderArbitrary } from './accept-encoding-header.js';
import { connectionHeaderArbitrary } from './connection-header.js';
import { everydayHeadersArbitrary } from './everyday-headers.js';
import { compact, presentOneIn } from './optional.js';
import { paddingHeaderArbitrary } from './padding-header.js';

/**
 * Ordinary headers plus, sometimes, Accept-Encoding, Connection and a large padding header,
 * followed by the family's own headers (`specific`). Callers pass headers with other names, so
 * every name appears once.
 */
export function requestHeadersArbitrary(specific: fc.Arbitrary<readonly HeaderPair[]> = fc.constant([])): fc.Arbitrary<HeaderPair[]> {
  return fc
    .tuple(
      everydayHeadersArbitrary(),
      presentOneIn(acceptEncodingHeaderArbitrary(), 3),
      presentOneIn(connectionHeaderArbitrary(), 5),
      presentOneIn(paddingHeaderArbitrary(), 8),
      specific,
    )
    .map(([everyday, encoding, connection, padding, own]) => [...everyday, ...compact([encoding, connection, padding]), ...own]);
}
