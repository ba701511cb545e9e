import fc from 'fast-check';
import type { RawFraming } from '../unit.js';

// Keeps a 2 MiB body with 1-byte chunks from turning into two million chunk headers.
export const MAX_CHUNKS = 2048;

/** Chunked framing with tiny, ordinary or large chunks. */
export function chunkedFramingArbitrary(): fc.Arbitrary<RawFraming> {
  const chunkSize = fc.oneof(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 17, max: 4096 }), fc.integer({ min: 4097, max: 65536 }));
  return chunkSize.map((size): RawFraming => ({ kind: 'chunked', chunkSize: size }));
}

/** Content-Length framing or chunked framing. */
export function framingArbitrary(): fc.Arbitrary<RawFraming> {
  return fc.oneof(fc.constant<RawFraming>({ kind: 'length' }), chunkedFramingArbitrary());
}

/** The framing with its chunk size raised so the body splits into at most MAX_CHUNKS chunks. */
export function fitFraming(framing: RawFraming, bodySize: number): RawFraming {
  if (framing.kind === 'length') return framing;
  return { kind: 'chunked', chunkSize: Math.max(framing.chunkSize, Math.ceil(bodySize / MAX_CHUNKS), 1) };
}
