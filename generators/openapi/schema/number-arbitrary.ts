import fc from 'fast-check';
import { lowerBound, numberKeyword, stringKeyword, upperBound, type JsonSchema } from './json-schema.js';

const INT32 = { min: -2147483648, max: 2147483647 } as const;
const SAFE = { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER } as const;
// An unbounded `number` stays within a million either way: large enough to be a number, small
// enough for any backend's float or decimal column.
const DEFAULT_NUMBER_RANGE = 1_000_000;

function decimalsOf(step: number): number {
  const text = String(step);
  const exponent = /e-(\d+)$/.exec(text);
  if (exponent) return Number(exponent[1]);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** Integers in [min, max] that are multiples of `step` (or all of them without a step). */
function steppedIntegers(min: number, max: number, step: number | undefined): fc.Arbitrary<number> {
  if (step === undefined || !Number.isInteger(step) || step <= 0) {
    return min > max ? fc.constant(min) : fc.integer({ min, max });
  }
  const low = Math.ceil(min / step);
  const high = Math.floor(max / step);
  return low > high ? fc.constant(min) : fc.integer({ min: low, max: high }).map((k) => k * step);
}

// -0 is a number JSON writes as 0: a unit must read back as it was written.
const positiveZero = (v: number): number => (v === 0 ? 0 : v);

/** Integers within minimum/maximum (inclusive or exclusive), multipleOf, and int32 unless int64. */
export function integerArbitrary(schema: JsonSchema): fc.Arbitrary<number> {
  const range = stringKeyword(schema, 'format') === 'int64' ? SAFE : INT32;
  const lo = lowerBound(schema);
  const hi = upperBound(schema);
  const min = lo ? (lo.excluded ? Math.floor(lo.value) + 1 : Math.ceil(lo.value)) : Math.min(range.min, hi?.value ?? 0);
  const max = hi ? (hi.excluded ? Math.ceil(hi.value) - 1 : Math.floor(hi.value)) : Math.max(range.max, lo?.value ?? 0);
  return steppedIntegers(Math.max(min, SAFE.min), Math.min(max, SAFE.max), numberKeyword(schema, 'multipleOf')).map(positiveZero);
}

/**
 * Numbers within the bounds: doubles, whole numbers (many servers parse `number` as an integer
 * first) and two-decimal numbers, a third each; multiples of a fractional multipleOf are rounded to its
 * decimals. Never NaN or infinite, which JSON cannot carry.
 */
export function numberArbitrary(schema: JsonSchema): fc.Arbitrary<number> {
  const lo = lowerBound(schema);
  const hi = upperBound(schema);
  const min = lo?.value ?? Math.min(-DEFAULT_NUMBER_RANGE, hi ? hi.value - DEFAULT_NUMBER_RANGE : 0);
  const max = hi?.value ?? Math.max(DEFAULT_NUMBER_RANGE, lo ? lo.value + DEFAULT_NUMBER_RANGE : 0);
  const minExcluded = lo?.excluded ?? false;
  const maxExcluded = hi?.excluded ?? false;
  if (min > max || (min === max && (minExcluded || maxExcluded))) return fc.constant(min);
  return anyNumber(min, max, minExcluded, maxExcluded, numberKeyword(schema, 'multipleOf')).map(positiveZero);
}

function anyNumber(min: number, max: number, minExcluded: boolean, maxExcluded: boolean, step: number | undefined): fc.Arbitrary<number> {
  if (step !== undefined && step > 0 && !Number.isInteger(step)) {
    const decimals = decimalsOf(step);
    const low = Math.ceil(min / step) + (minExcluded && Number.isInteger(min / step) ? 1 : 0);
    const high = Math.floor(max / step) - (maxExcluded && Number.isInteger(max / step) ? 1 : 0);
    if (low > high) return fc.constant(min);
    return fc.integer({ min: low, max: high }).map((k) => Number((k * step).toFixed(decimals)));
  }
  const wholeMin = minExcluded ? Math.floor(min) + 1 : Math.ceil(min);
  const wholeMax = maxExcluded ? Math.ceil(max) - 1 : Math.floor(max);
  if (step !== undefined && step > 0) return steppedIntegers(wholeMin, wholeMax, step);
  const options: fc.Arbitrary<number>[] = [fc.double({ min, max, minExcluded, maxExcluded, noNaN: true, noDefaultInfinity: true })];
  if (wholeMin <= wholeMax) options.push(fc.integer({ min: wholeMin, max: wholeMax }));
  // Prices and percentages: two decimals, which a decimal(…, 2) column stores as sent.
  const centsMin = Math.floor(min * 100) + 1;
  const centsMax = Math.ceil(max * 100) - 1;
  if (centsMin <= centsMax) options.push(fc.integer({ min: centsMin, max: centsMax }).map((k) => k / 100));
  return fc.oneof(...options);
}
