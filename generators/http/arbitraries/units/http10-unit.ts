import fc from 'fast-check';
import type { ResolvedHttpConstraints } from '../../constraints.js';
import type { HeaderPair, RawUnit } from '../../unit.js';
import { methodAndBodyArbitrary } from '../method-and-body.js';
import { compact, presentOneIn } from '../optional.js';
import { rawRequestArbitrary } from '../raw-request.js';
import { rawTargetArbitrary } from '../raw-target.js';
import { requestHeadersArbitrary } from '../request-headers.js';

const HTTP10_BODY_BYTES = 64 * 1024;

/**
 * HTTP/1.0 requests, with or without Host: the server closes after each answer unless the
 * request asked for keep-alive, so later requests in the unit often meet a closed connection.
 */
export function http10UnitArbitrary(c: ResolvedHttpConstraints): fc.Arbitrary<RawUnit> {
  const host = presentOneIn(fc.constant<HeaderPair>(['Host', 'sandfuzz.test']), 2).map((pair) => compact([pair]));
  const request = rawRequestArbitrary({
    methodAndBody: methodAndBodyArbitrary(Math.min(HTTP10_BODY_BYTES, c.maxBodyBytes)),
    target: rawTargetArbitrary(c),
    version: fc.constant('HTTP/1.0'),
    headers: requestHeadersArbitrary(host),
    framing: fc.constant({ kind: 'length' }),
  });
  return fc
    .array(request, { minLength: 1, maxLength: Math.min(3, c.maxRequestsPerUnit) })
    .map((messages): RawUnit => ({ kind: 'raw', family: 'http10', messages }));
}
