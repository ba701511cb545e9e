import fc from 'fast-check';
import { CHUNK_SIZE_FLAWS, HEADER_FLAWS, REQUEST_LINE_FLAWS, type RequestFlaw } from '../unit.js';

/**
 * One defect for a raw request. Oversized headers straddle Node's 16 KiB and nginx's 8 KiB
 * limits; slowloris pauses stay short so a unit never waits long.
 */
export function requestFlawArbitrary(): fc.Arbitrary<RequestFlaw> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...REQUEST_LINE_FLAWS).map((variant): RequestFlaw => ({ kind: 'bad-request-line', variant })) },
    { weight: 3, arbitrary: fc.constantFrom(...HEADER_FLAWS).map((variant): RequestFlaw => ({ kind: 'bad-header', variant })) },
    { weight: 1, arbitrary: fc.integer({ min: 9000, max: 65536 }).map((bytes): RequestFlaw => ({ kind: 'oversized-header', bytes })) },
    { weight: 1, arbitrary: fc.constantFrom(...CHUNK_SIZE_FLAWS).map((variant): RequestFlaw => ({ kind: 'invalid-chunk-size', variant })) },
    { weight: 1, arbitrary: fc.constant<RequestFlaw>({ kind: 'missing-host' }) },
    { weight: 1, arbitrary: fc.constant<RequestFlaw>({ kind: 'bare-lf' }) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: 99 }).map((keepPercent): RequestFlaw => ({ kind: 'truncated', keepPercent })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 10, max: 200 }))
        .map(([pieces, pauseMs]): RequestFlaw => ({ kind: 'slowloris', pieces, pauseMs })),
    },
  );
}
