import fc from 'fast-check';
import type { TcpStep } from '../unit.js';

/**
 * A payload size up to `maxBytes`: small (one read), medium (a few reads) and large (many reads,
 * buffer growth) about equally often, instead of fast-check's bias toward the small end.
 */
export function payloadSizeArbitrary(maxBytes: number): fc.Arbitrary<number> {
  const bands = [
    [1, 64],
    [65, 4096],
    [4097, maxBytes],
  ].filter(([min]) => min! <= maxBytes);
  return fc.oneof(...bands.map(([min, max]) => fc.integer({ min: min!, max: Math.min(max!, maxBytes) })));
}

/** Seeded random bytes of a size up to `maxBytes`. */
export function randomStepArbitrary(maxBytes: number): fc.Arbitrary<TcpStep> {
  return fc.tuple(payloadSizeArbitrary(maxBytes), fc.integer()).map(([size, seed]) => ({ kind: 'random', size, seed }));
}

// What one connection of a burst or a reset sends: a short message or a small random payload.
export const SHORT_PAYLOAD_BYTES = 64;
