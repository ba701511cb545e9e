import fc from 'fast-check';

/** `arb` one time in `oneIn`, null otherwise (fc.option makes the value the common case). */
export function presentOneIn<T>(arb: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });
}

/** The non-null entries, in order. */
export function compact<T>(values: readonly (T | null)[]): T[] {
  return values.filter((value): value is T => value !== null);
}
