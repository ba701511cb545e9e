import { SeededRandom } from '../engine/guidance/rng.js';

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function resample(values: readonly number[], rng: SeededRandom): number[] {
  return values.map(() => values[rng.int(values.length)]!);
}

/** Percentiles 2.5 and 97.5 of `iterations` bootstrap statistics, each drawn from the seeded generator. */
function bootstrap95(iterations: number, seed: number, statistic: (rng: SeededRandom) => number): [number, number] {
  const rng = new SeededRandom(seed);
  const values: number[] = [];
  for (let i = 0; i < iterations; i++) values.push(statistic(rng));
  values.sort((x, y) => x - y);
  return [values[Math.floor(0.025 * iterations)]!, values[Math.min(iterations - 1, Math.floor(0.975 * iterations))]!];
}

/** A ratio of two paired samples, with its bootstrap 95% interval. */
export interface PairedRatio {
  readonly ratio: number;
  readonly ci95: readonly [number, number];
}

/**
 * b over a, pair by pair (round r of one against round r of the other: measured in the same
 * pieces of the same minute, so what drifted in between falls out): the median of the per-pair
 * ratios and a bootstrap 95% interval of that median. Seeded, so a report replays exactly.
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): PairedRatio {
  if (a.length === 0 || a.length !== b.length) throw new Error(`paired samples of ${a.length} and ${b.length}`);
  const ratios = b.map((x, i) => x / a[i]!);
  return { ratio: median(ratios), ci95: bootstrapMedianInterval(ratios) };
}

/**
 * Bootstrap 95% interval of the median of one sample (resampled with replacement, percentiles
 * 2.5 and 97.5). With five values it is wide on purpose: that is what five runs can tell.
 */
export function bootstrapMedianInterval(values: readonly number[], iterations = 2000, seed = 1): [number, number] {
  if (values.length === 0) throw new Error('interval of nothing');
  return bootstrap95(iterations, seed, (rng) => median(resample(values, rng)));
}
