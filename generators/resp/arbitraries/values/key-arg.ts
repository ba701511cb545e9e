import fc from 'fast-check';
import { KEY_POOLS, keyName, type KeyPool } from '../../key-pools.js';

/** A key of `pool`: index 0..size-1. */
export function poolKeyArbitrary(pool: KeyPool, size: number): fc.Arbitrary<string> {
  return fc.nat({ max: size - 1 }).map((i) => keyName(pool, i));
}

/**
 * A key for an argument: from the command's own pool nine times in ten, from another pool the
 * tenth time (WRONGTYPE answers are state too); from any pool when the command has none.
 */
export function keyArbitrary(pool: KeyPool | null, size: number): fc.Arbitrary<string> {
  const anyPool = fc.constantFrom(...KEY_POOLS).chain((p) => poolKeyArbitrary(p, size));
  if (pool === null) return anyPool;
  return fc.oneof({ weight: 9, arbitrary: poolKeyArbitrary(pool, size) }, { weight: 1, arbitrary: anyPool });
}
