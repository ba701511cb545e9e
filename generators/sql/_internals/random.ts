import fc from 'fast-check';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { UsageError } from '../../../src/shared/errors.js';
import { batchSeed } from '../../_shared/seeded-stream.js';

/**
 * The generator's source of choices: fast-check's Random over pure-rand's xoroshiro128plus, so a
 * (seed, catalog) pair always builds the same unit. SQL productions depend on what earlier
 * choices named (tables, columns), which reads better as plain calls than as chained arbitraries.
 */
export class SqlRandom {
  private readonly random: fc.Random;

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) throw new UsageError(`seed must be a safe integer, got ${seed}`);
    // batchSeed folds all 53 bits of the seed into the 32 the generator takes, spread apart.
    this.random = new fc.Random(xoroshiro128plus(batchSeed(seed, 0)));
  }

  /** An integer from min to max, both included. */
  int(min: number, max: number): number {
    return this.random.nextInt(min, max);
  }

  /** True one time in `oneIn`. */
  oneIn(oneIn: number): boolean {
    return this.random.nextInt(1, oneIn) === 1;
  }

  bool(): boolean {
    return this.random.nextInt(0, 1) === 1;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('SqlRandom.pick of an empty list');
    return items[this.random.nextInt(0, items.length - 1)]!;
  }

  /** A value chosen with probability proportional to its weight (weights > 0). */
  weighted<T>(choices: readonly (readonly [weight: number, value: T])[]): T {
    const total = choices.reduce((sum, [weight]) => sum + weight, 0);
    let roll = this.random.nextInt(1, total);
    for (const [weight, value] of choices) {
      roll -= weight;
      if (roll <= 0) return value;
    }
    return choices[choices.length - 1]![1];
  }

  /** `count` distinct items in a random order (all of them when there are fewer). */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < count && pool.length > 0) out.push(pool.splice(this.int(0, pool.length - 1), 1)[0]!);
    return out;
  }

  /** A fresh seed for a sub-generator, drawn from this stream. */
  seed(): number {
    return this.random.nextInt(0, 0x7fffffff);
  }
}
