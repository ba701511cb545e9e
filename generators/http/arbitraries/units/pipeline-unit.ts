import fc from 'fast-check';
import type { ResolvedHttpConstraints } from '../../constraints.js';
import type { RawUnit } from '../../unit.js';
import { framingArbitrary } from '../framing.js';
import { methodAndBodyArbitrary } from '../method-and-body.js';
import { rangeHeaderArbitrary } from '../range-header.js';
import { presentOneIn, compact } from '../optional.js';
import { pipelineSafe } from '../connection-close.js';
import { rawRequestArbitrary } from '../raw-request.js';
import { rawTargetArbitrary } from '../raw-target.js';
import { requestHeadersArbitrary } from '../request-headers.js';

// Pipelined bodies stay small: the point is many requests in one write, not bulk upload.
const PIPELINED_BODY_BYTES = 64 * 1024;

/** Several HTTP/1.1 requests written at once on one socket. */
export function pipelineUnitArbitrary(c: ResolvedHttpConstraints): fc.Arbitrary<RawUnit> {
  const request = rawRequestArbitrary({
    methodAndBody: methodAndBodyArbitrary(Math.min(PIPELINED_BODY_BYTES, c.maxBodyBytes)),
    target: rawTargetArbitrary(c),
    version: fc.constant('HTTP/1.1'),
    headers: requestHeadersArbitrary(presentOneIn(rangeHeaderArbitrary(), 4).map((range) => compact([range]))),
    framing: framingArbitrary(),
  });
  return fc
    .array(request, { minLength: Math.min(2, c.maxRequestsPerUnit), maxLength: c.maxRequestsPerUnit, size: 'max' })
    .map((requests): RawUnit => ({ kind: 'raw', family: 'pipeline', messages: pipelineSafe(requests) }));
}
