import fc from 'fast-check';
import { LARGE_VALUE_MIN_BYTES } from '../../constraints.js';
import { LARGE_POOL_SIZE, keyName, type LargePool } from '../../key-pools.js';
import type { BlobArg, RespArg, RespUnit, SpreadArg } from '../../unit.js';
import type { FamilyInputs } from '../family-inputs.js';
import { command } from '../steps.js';

/** Sizes from 64 KiB up to `max`, spread evenly over the powers of two (log-uniform). */
function sizeArbitrary(max: number): fc.Arbitrary<number> {
  const maxExponent = Math.log2(max);
  return fc
    .integer({ min: 16 * 1000, max: Math.floor(maxExponent * 1000) })
    .map((e) => Math.max(LARGE_VALUE_MIN_BYTES, Math.min(max, Math.round(2 ** (e / 1000)))));
}

// Built with map, not fc.record, whose objects have no prototype and so are not plain JSON values.
const blob = (max: number): fc.Arbitrary<BlobArg> => fc.tuple(sizeArbitrary(max), fc.nat()).map(([size, seed]) => ({ kind: 'blob', size, seed }));

function spread(shape: SpreadArg['shape'], maxCount: number): fc.Arbitrary<SpreadArg> {
  return fc
    .tuple(fc.integer({ min: 500, max: maxCount }), fc.integer({ min: 8, max: 64 }), fc.nat())
    .map(([count, size, seed]) => ({ kind: 'spread', shape, count, size, seed }));
}

const key = (pool: LargePool): fc.Arbitrary<string> => fc.nat({ max: LARGE_POOL_SIZE - 1 }).map((i) => keyName(pool, i));

/**
 * Steps on big values: SET and APPEND of 64 KiB..maxValueBytes blobs (derived from size and seed
 * when sent), GET of them back, SETRANGE past the end, lists, hashes, sets and sorted sets of
 * thousands of elements (listpack to quicklist/hashtable/skiplist conversions), UNLINK (lazy
 * free) and COPY. The executor empties the large pools a unit names before it runs.
 */
export function largeUnitArbitrary(inputs: FamilyInputs): fc.Arbitrary<RespUnit> {
  const { c } = inputs;
  // Element counts shrink with the value budget so a list never outgrows maxValueBytes.
  const maxCount = Math.max(500, Math.min(20_000, Math.floor(c.maxValueBytes / 64)));
  const step: fc.Arbitrary<RespArg[]> = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(key('large'), blob(c.maxValueBytes)).map(([k, b]) => ['SET', k, b]) },
    { weight: 2, arbitrary: fc.tuple(key('large'), blob(Math.max(LARGE_VALUE_MIN_BYTES, c.maxValueBytes / 4))).map(([k, b]) => ['APPEND', k, b]) },
    { weight: 3, arbitrary: key('large').map((k) => ['GET', k]) },
    { weight: 1, arbitrary: fc.tuple(key('large'), fc.nat({ max: c.maxValueBytes })).map(([k, at]) => ['SETRANGE', k, String(at), 'sandfuzz']) },
    { weight: 1, arbitrary: fc.tuple(key('large'), fc.nat({ max: 1 << 20 })).map(([k, at]) => ['GETRANGE', k, String(at), String(at + 4096)]) },
    { weight: 1, arbitrary: key('large').map((k) => ['STRLEN', k]) },
    { weight: 3, arbitrary: fc.tuple(key('biglist'), spread('values', maxCount)).map(([k, s]) => ['RPUSH', k, s]) },
    { weight: 2, arbitrary: key('biglist').map((k) => ['LRANGE', k, '0', '-1']) },
    { weight: 2, arbitrary: fc.tuple(key('bighash'), spread('field-values', maxCount)).map(([k, s]) => ['HSET', k, s]) },
    { weight: 1, arbitrary: key('bighash').map((k) => ['HLEN', k]) },
    { weight: 2, arbitrary: fc.tuple(key('bigset'), spread('values', maxCount)).map(([k, s]) => ['SADD', k, s]) },
    { weight: 1, arbitrary: key('bigset').map((k) => ['SCARD', k]) },
    { weight: 2, arbitrary: fc.tuple(key('bigzset'), spread('score-members', maxCount)).map(([k, s]) => ['ZADD', k, s]) },
    { weight: 1, arbitrary: key('bigzset').map((k) => ['ZRANGE', k, '0', '99', 'WITHSCORES']) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom<LargePool>('large', 'biglist', 'bighash', 'bigset', 'bigzset'), fc.nat({ max: LARGE_POOL_SIZE - 1 }))
        .map(([p, i]) => ['UNLINK', keyName(p, i)]),
    },
    { weight: 1, arbitrary: fc.tuple(key('large'), key('large')).map(([a, b]) => ['COPY', a, b, 'REPLACE']) },
    { weight: 1, arbitrary: key('large').map((k) => ['OBJECT', 'ENCODING', k]) },
  );
  // Keep the megabytes per unit bounded: a few big writes, then reads.
  const maxSteps = Math.min(c.maxCommandsPerUnit, 6);
  return fc
    .array(step, { minLength: 1, maxLength: maxSteps })
    .map((list): RespUnit => ({ family: 'large', steps: list.map((args) => command(args)) }));
}
