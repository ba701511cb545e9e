import fc from 'fast-check';

/**
 * Values for SET, APPEND, HSET...: short words, numbers INCR and INCRBYFLOAT accept (and edge ones
 * they refuse), an empty string, and lengths either side of the embstr/raw switch (44 bytes).
 */
export function stringValueArbitrary(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.nat({ max: 7 }).map((i) => `v${i}`) },
    { weight: 3, arbitrary: fc.integer({ min: -1000, max: 1000 }).map(String) },
    { weight: 1, arbitrary: fc.constantFrom('9223372036854775807', '-9223372036854775808', '3.25', '1e3', 'inf', '') },
    { weight: 1, arbitrary: fc.constantFrom(44, 45, 200, 1000).map((n) => 'x'.repeat(n)) },
    { weight: 1, arbitrary: fc.constantFrom('héllo wörld', 'tab\tand\nnewline', '"quoted"') },
  );
}
