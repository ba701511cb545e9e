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

/**
 * Bootstrap 95% interval of median(b) / median(a): both samples resampled with replacement,
 * percentiles 2.5 and 97.5 of the ratio. Seeded, so a report replays exactly.
 */
export function bootstrapRatioInterval(a: readonly number[], b: readonly number[], iterations = 2000, seed = 1): [number, number] {
  return bootstrap95(iterations, seed, (rng) => median(resample(b, rng)) / median(resample(a, rng)));
}

/**
 * Bootstrap 95% interval of the median of one sample (resampled with replacement, percentiles
 * 2.5 and 97.5). With five values it is wide on purpose: that is what five runs can tell.
 */
export function bootstrapMedianInterval(values: readonly number[], iterations = 2000, seed = 1): [number, number] {
  if (values.length === 0) throw new Error('interval of nothing');
  return bootstrap95(iterations, seed, (rng) => median(resample(values, rng)));
}
