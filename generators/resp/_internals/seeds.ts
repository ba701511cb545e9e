import fc from 'fast-check';
import { UsageError } from '../../../src/shared/errors.js';
import { fmix32 } from '../../_shared/seeded-stream.js';

function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A 32-bit seed derived from a (53-bit safe) seed and a salt: a family name, an index. */
export function deriveSeed(seed: number, salt: string | number): number {
  if (!Number.isSafeInteger(seed)) throw new UsageError(`seed must be a safe integer, got ${seed}`);
  const low = seed >>> 0;
  const high = Math.floor(seed / 0x1_0000_0000) >>> 0;
  const saltHash = typeof salt === 'number' ? fmix32(salt + 0x632be5ab) : hashText(salt);
  return fmix32(low ^ fmix32(high ^ saltHash)) | 0;
}

/**
 * One value of `arbitrary` for a seed: fast-check's own sampler with a seeded xoroshiro128plus,
 * the same draw every time for the same (arbitrary, seed).
 */
export function drawOne<T>(arbitrary: fc.Arbitrary<T>, seed: number): T {
  return fc.sample(arbitrary, { seed, numRuns: 1, randomType: 'xoroshiro128plus' })[0]!;
}
