import fc from 'fast-check';

// 2001-09-09 and 2100-01-01: one long past, one far ahead of any run.
const PAST_SECONDS = 1_000_000_000;
const FUTURE_SECONDS = 4_102_444_800;

/**
 * An absolute time for EXPIREAT, SET EXAT, XCLAIM TIME...: long past (the key expires at once)
 * or far ahead, never near now, which would make the answer depend on when the unit ran.
 */
export function unixTimeArbitrary(name: string): fc.Arbitrary<string> {
  const scale = name.includes('milliseconds') ? 1000 : 1;
  return fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: 0, max: 1000 }).map((d) => String((FUTURE_SECONDS + d * 86_400) * scale)) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: 1000 }).map((d) => String((PAST_SECONDS - d * 86_400) * scale)) },
    { weight: 1, arbitrary: fc.constantFrom('0', '-1', '1', 'x') },
  );
}
