import fc from 'fast-check';
import type { ResolvedHttpConstraints } from '../../constraints.js';
import type { RawUnit } from '../../unit.js';
import { chunkedFramingArbitrary } from '../framing.js';
import { methodWithBodyArbitrary } from '../method-and-body.js';
import { pathArbitrary } from '../path.js';
import { pipelineSafe } from '../connection-close.js';
import { rawRequestArbitrary } from '../raw-request.js';
import { requestHeadersArbitrary } from '../request-headers.js';

/** Chunked request bodies (undici never sends them on request): tiny to large chunks, pipelined. */
export function chunkedUnitArbitrary(c: ResolvedHttpConstraints): fc.Arbitrary<RawUnit> {
  const request = rawRequestArbitrary({
    methodAndBody: methodWithBodyArbitrary(c.maxBodyBytes),
    target: pathArbitrary(c),
    version: fc.constant('HTTP/1.1'),
    headers: requestHeadersArbitrary(),
    framing: chunkedFramingArbitrary(),
  });
  return fc
    .array(request, { minLength: 1, maxLength: Math.min(3, c.maxRequestsPerUnit), size: 'max' })
    .map((requests): RawUnit => ({ kind: 'raw', family: 'chunked', messages: pipelineSafe(requests) }));
}
