import fc from 'fast-check';

/**
 * Set members, hash fields, list elements: a small dictionary so membership tests hit, with
 * integers (intset and listpack integer encodings) and a few odd ones (empty, long, non-ASCII).
 */
export function memberArbitrary(prefix: 'm' | 'f' | 'e'): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.nat({ max: 7 }).map((i) => `${prefix}${i}`) },
    { weight: 3, arbitrary: fc.constantFrom('1', '2', '3', '10', '100', '-1', '4096', '9223372036854775807') },
    { weight: 1, arbitrary: fc.constantFrom('', 'ünïcødé', 'x'.repeat(80), 'a b', '3.5') },
  );
}
