import fc from 'fast-check';
import type { ResolvedHttpConstraints } from '../../constraints.js';
import type { HeaderPair, RawRequest, RawUnit } from '../../unit.js';
import { pipelineSafe, withoutHeader } from '../connection-close.js';
import { methodAndBodyArbitrary } from '../method-and-body.js';
import { compact, presentOneIn } from '../optional.js';
import { rawRequestArbitrary } from '../raw-request.js';
import { rawTargetArbitrary } from '../raw-target.js';
import { requestHeadersArbitrary } from '../request-headers.js';

const HTTP10_BODY_BYTES = 64 * 1024;
const KEEP_ALIVE: HeaderPair = ['Connection', 'keep-alive'];

/**
 * HTTP/1.0 requests, with or without Host. The server closes after each answer unless the
 * request asked for keep-alive, so half the requests ask for it and the unit ends at the first
 * that does not.
 */
export function http10UnitArbitrary(c: ResolvedHttpConstraints): fc.Arbitrary<RawUnit> {
  const host = presentOneIn(fc.constant<HeaderPair>(['Host', 'sandfuzz.test']), 2).map((pair) => compact([pair]));
  const request = fc
    .tuple(
      rawRequestArbitrary({
        methodAndBody: methodAndBodyArbitrary(Math.min(HTTP10_BODY_BYTES, c.maxBodyBytes)),
        target: rawTargetArbitrary(c),
        version: fc.constant('HTTP/1.0'),
        headers: requestHeadersArbitrary(host),
        framing: fc.constant({ kind: 'length' }),
      }),
      fc.boolean(),
    )
    .map(([raw, keepAlive]): RawRequest => {
      const headers = withoutHeader(raw.headers, 'Connection');
      return { ...raw, headers: keepAlive ? [...headers, KEEP_ALIVE] : headers };
    });
  return fc
    .array(request, { minLength: 1, maxLength: Math.min(3, c.maxRequestsPerUnit), size: 'max' })
    .map((requests): RawUnit => ({ kind: 'raw', family: 'http10', messages: pipelineSafe(requests) }));
}
