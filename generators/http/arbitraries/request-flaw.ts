import fc from 'fast-check';
import { CHUNK_SIZE_FLAWS, HEADER_FLAWS, REQUEST_LINE_FLAWS, type RequestFlaw } from '../unit.js';

function badRequestLine(): fc.Arbitrary<RequestFlaw> {
  return fc.constantFrom(...REQUEST_LINE_FLAWS).map((variant): RequestFlaw => ({ kind: 'bad-request-line', variant }));
}

function badHeader(): fc.Arbitrary<RequestFlaw> {
  return fc.constantFrom(...HEADER_FLAWS).map((variant): RequestFlaw => ({ kind: 'bad-header', variant }));
}

// From above nginx's 8 KiB header line limit to far above Node's 16 KiB head limit.
function oversizedHeader(): fc.Arbitrary<RequestFlaw> {
  return fc.integer({ min: 9000, max: 65536 }).map((bytes): RequestFlaw => ({ kind: 'oversized-header', bytes }));
}

function invalidChunkSize(): fc.Arbitrary<RequestFlaw> {
  return fc.constantFrom(...CHUNK_SIZE_FLAWS).map((variant): RequestFlaw => ({ kind: 'invalid-chunk-size', variant }));
}

function truncated(): fc.Arbitrary<RequestFlaw> {
  return fc.integer({ min: 1, max: 99 }).map((keepPercent): RequestFlaw => ({ kind: 'truncated', keepPercent }));
}

// Pauses stay short: a slowloris unit lasts one second at most.
function slowloris(): fc.Arbitrary<RequestFlaw> {
  return fc
    .tuple(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 10, max: 200 }))
    .map(([pieces, pauseMs]): RequestFlaw => ({ kind: 'slowloris', pieces, pauseMs }));
}

/** One defect for a raw request, request-line and header defects most often. */
export function requestFlawArbitrary(): fc.Arbitrary<RequestFlaw> {
  return fc.oneof(
    { weight: 3, arbitrary: badRequestLine() },
    { weight: 3, arbitrary: badHeader() },
    { weight: 1, arbitrary: oversizedHeader() },
    { weight: 1, arbitrary: invalidChunkSize() },
    { weight: 1, arbitrary: fc.constant<RequestFlaw>({ kind: 'missing-host' }) },
    { weight: 1, arbitrary: fc.constant<RequestFlaw>({ kind: 'bare-lf' }) },
    { weight: 2, arbitrary: truncated() },
    { weight: 1, arbitrary: slowloris() },
  );
}
