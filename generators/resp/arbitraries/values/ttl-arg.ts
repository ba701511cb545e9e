import fc from 'fast-check';

/**
 * A TTL for commands outside the expiry family: days long, so nothing expires while a run (or
 * its replay) goes on, or zero and negative (refused, or delete at once). Never in between:
 * whether a key of a few seconds is still there would depend on how fast the run went.
 */
export function ttlArbitrary(unit: 'seconds' | 'milliseconds'): fc.Arbitrary<string> {
  const scale = unit === 'seconds' ? 1 : 1000;
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(86_400, 172_800, 604_800, 2_592_000).map((s) => String(s * scale)) },
    { weight: 1, arbitrary: fc.constantFrom('0', '-1', '-100', 'x', '9223372036854775807') },
  );
}
