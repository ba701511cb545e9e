import fc from 'fast-check';
import { UsageError } from '../../src/shared/errors.js';

// Values per fc.sample call. fast-check biases the first runs of a sample toward small values and
// less so later ones, so each batch walks from small to varied sizes.
const BATCH_SIZE = 32;

// Spelled out so that fc.configureGlobal elsewhere in the process cannot change the stream (the
// arbitraries pin their own sizes with size: 'max' for the same reason).
const SAMPLE_PARAMETERS = { randomType: 'xorshift128plus', unbiased: false } as const;

/** murmur3's 32-bit finaliser: spreads nearby inputs (seed 1, seed 2) far apart. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The fast-check seed of batch `batch` of the stream for `seed` (all 53 bits of it count). */
export function batchSeed(seed: number, batch: number): number {
  const low = seed >>> 0;
  const high = Math.floor(seed / 0x1_0000_0000) >>> 0;
  return fmix32(low ^ fmix32(high ^ fmix32(batch + 0x632be5ab))) | 0;
}

/**
 * A deterministic, endless stream of values: batch after batch of fc.sample, each with a seed
 * derived from `seed` and the batch number, so the same seed always replays the same values.
 */
export function* seededStream<T>(arbitrary: fc.Arbitrary<T>, seed: number): Generator<T, never, undefined> {
  if (!Number.isSafeInteger(seed)) throw new UsageError(`seed must be a safe integer, got ${seed}`);
  for (let batch = 0; ; batch++) {
    yield* fc.sample(arbitrary, { ...SAMPLE_PARAMETERS, seed: batchSeed(seed, batch), numRuns: BATCH_SIZE });
  }
}
