import type { WorkloadGenerator } from '../../../../generators/types.js';

/** The first `count` units of a generator's stream for `seed`. */
export function takeUnits<U>(generator: WorkloadGenerator<U>, seed: number, count: number): U[] {
  const units = generator.units(seed);
  return Array.from({ length: count }, () => {
    const next = units.next();
    if (next.done) throw new Error('a unit stream must be endless');
    return next.value;
  });
}
