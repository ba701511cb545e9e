import fc from 'fast-check';
import type { ForeignGreeting } from '../unit.js';

/** The opening bytes of HTTP/2 (prior knowledge) or TLS, sent to a plain HTTP/1 port. */
export function foreignGreetingArbitrary(): fc.Arbitrary<ForeignGreeting> {
  return fc
    .constantFrom<ForeignGreeting['protocol']>('h2-preface', 'tls-client-hello')
    .map((protocol): ForeignGreeting => ({ kind: 'foreign', protocol }));
}
