import fc from 'fast-check';
import type { ResolvedHttpConstraints } from '../../constraints.js';
import type { HeaderPair, RawUnit } from '../../unit.js';
import { framingArbitrary } from '../framing.js';
import { methodWithBodyArbitrary } from '../method-and-body.js';
import { pathArbitrary } from '../path.js';
import { rawRequestArbitrary } from '../raw-request.js';
import { requestHeadersArbitrary } from '../request-headers.js';

const EXPECT_CONTINUE: readonly HeaderPair[] = [['Expect', '100-continue']];

/** One body request announcing `Expect: 100-continue`; the body follows the interim answer. */
export function expectUnitArbitrary(c: ResolvedHttpConstraints): fc.Arbitrary<RawUnit> {
  return rawRequestArbitrary({
    methodAndBody: methodWithBodyArbitrary(c.maxBodyBytes),
    target: pathArbitrary(c),
    version: fc.constant('HTTP/1.1'),
    headers: requestHeadersArbitrary(fc.constant(EXPECT_CONTINUE)),
    framing: framingArbitrary(),
  }).map((request): RawUnit => ({ kind: 'raw', family: 'expect', messages: [request] }));
}
