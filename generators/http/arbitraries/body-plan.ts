import fc from 'fast-check';
import type { BodyPlan } from '../unit.js';

const KIB_64 = 64 * 1024;

/**
 * A body size and byte seed. Sizes come in tiers so the stream keeps mixing empty, small, 64 KiB
 * give or take a byte (a buffer boundary for many servers) and large bodies up to `maxBytes`
 * (past nginx's 16 KiB client_body_buffer_size, into its temp files, and past its 1 MiB
 * client_max_body_size).
 */
export function bodyPlanArbitrary(maxBytes: number): fc.Arbitrary<BodyPlan> {
  const size = fc.oneof(
    { weight: 2, arbitrary: fc.constant(0) },
    { weight: 4, arbitrary: fc.integer({ min: 1, max: 1024 }) },
    { weight: 2, arbitrary: fc.constantFrom(KIB_64 - 1, KIB_64, KIB_64 + 1) },
    { weight: 2, arbitrary: fc.integer({ min: KIB_64 + 2, max: Math.max(KIB_64 + 2, maxBytes) }) },
  );
  // One body in three arrives in pieces, as from a slow client: servers that spool bodies to temp
  // files append to them then (pwrite), a path a body read in one go never takes.
  const pieces = fc.oneof({ weight: 2, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 6 }) });
  return fc
    .tuple(size, fc.integer({ min: 1, max: 0x7fffffff }), pieces)
    .map(([bytes, seed, n]): BodyPlan => ({ size: Math.min(bytes, maxBytes), seed, ...(n > 1 ? { pieces: n } : {}) }));
}
