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

/**
 * Bootstrap 95% interval of median(b) / median(a): both samples resampled with replacement,
 * percentiles 2.5 and 97.5 of the ratio. Seeded, so a report replays exactly.
 */
export function bootstrapRatioInterval(a: readonly number[], b: readonly number[], iterations = 2000, seed = 1): [number, number] {
  const rng = new SeededRandom(seed);
  const ratios: number[] = [];
  for (let i = 0; i < iterations; i++) ratios.push(median(resample(b, rng)) / median(resample(a, rng)));
  ratios.sort((x, y) => x - y);
  return [ratios[Math.floor(0.025 * iterations)]!, ratios[Math.min(iterations - 1, Math.floor(0.975 * iterations))]!];
}

/**
 * Bootstrap 95% interval of the median of one sample (resampled with replacement, percentiles
 * 2.5 and 97.5). With five values it is wide on purpose: that is what five runs can tell.
 */
export function bootstrapMedianInterval(values: readonly number[], iterations = 2000, seed = 1): [number, number] {
  if (values.length === 0) throw new Error('interval of nothing');
  const rng = new SeededRandom(seed);
  const medians: number[] = [];
  for (let i = 0; i < iterations; i++) medians.push(median(resample(values, rng)));
  medians.sort((x, y) => x - y);
  return [medians[Math.floor(0.025 * iterations)]!, medians[Math.min(iterations - 1, Math.floor(0.975 * iterations))]!];
}
