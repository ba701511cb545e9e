import fc from 'fast-check';
import type { HeaderPair } from '../unit.js';

// Offsets from the first bytes of a file up to far past the end of any test file.
function offsetArbitrary(): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 1023 }) },
    { weight: 2, arbitrary: fc.integer({ min: 1024, max: 2 * 1024 * 1024 }) },
    { weight: 1, arbitrary: fc.integer({ min: 2 * 1024 * 1024, max: 1 << 30 }) },
  );
}

/** One byte-range-spec: `a-b`, open-ended `a-`, or a suffix `-n`. */
export function rangeSpecArbitrary(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.tuple(offsetArbitrary(), fc.integer({ min: 0, max: 65536 })).map(([from, span]) => `${from}-${from + span}`),
    offsetArbitrary().map((from) => `${from}-`),
    fc.integer({ min: 1, max: 1 << 21 }).map((suffix) => `-${suffix}`),
  );
}

// Values a server must refuse or ignore: reversed, empty, unknown unit, junk.
const INVALID_RANGES = ['bytes=5-1', 'bytes=', 'bytes=abc', 'items=0-1', 'bytes=--1', 'bytes=0-0,-0', 'bytes 0-1'];

/**
 * Several small ranges near the start of a file: satisfiable for any file of a few hundred bytes,
 * so the server answers multipart/byteranges (a path of its own: boundaries, often a random one)
 * rather than ignoring ranges that add up to more than a small page holds.
 */
function smallRangesArbitrary(): fc.Arbitrary<string> {
  return fc
    .array(fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 16 })), { minLength: 2, maxLength: 4, size: 'max' })
    .map((parts) => `bytes=${parts.map(([from, span]) => `${from}-${from + span}`).join(',')}`);
}

/** A Range header: single, multi-range (multipart/byteranges), unsatisfiable or invalid. */
export function rangeHeaderArbitrary(): fc.Arbitrary<HeaderPair> {
  const value = fc.oneof(
    { weight: 4, arbitrary: rangeSpecArbitrary().map((spec) => `bytes=${spec}`) },
    { weight: 2, arbitrary: smallRangesArbitrary() },
    {
      weight: 3,
      arbitrary: fc.array(rangeSpecArbitrary(), { minLength: 2, maxLength: 6, size: 'max' }).map((specs) => `bytes=${specs.join(',')}`),
    },
    { weight: 1, arbitrary: fc.constantFrom('bytes=999999999-', 'bytes=1073741824-1073741900') },
    { weight: 1, arbitrary: fc.constantFrom(...INVALID_RANGES) },
  );
  return value.map((v): HeaderPair => ['Range', v]);
}
