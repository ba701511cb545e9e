import fc from 'fast-check';

/** The size limits every value arbitrary honours (from the resolved constraints). */
export interface GenerationLimits {
  readonly maxDepth: number;
  readonly maxItems: number;
  readonly maxStringLength: number;
}

/** How a step's values are drawn: from the description's examples, or from its schemas. */
export type ValueMode = 'example' | 'valid';

/** One of the values, copied so that units never share objects with the description. */
export function copiedConstants(values: readonly unknown[]): fc.Arbitrary<unknown> {
  return fc.constantFrom(...values).map((v) => (typeof v === 'object' && v !== null ? structuredClone(v) : v));
}
