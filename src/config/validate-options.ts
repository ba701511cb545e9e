import { resolve } from 'node:path';
import { UsageError } from '../shared/errors.js';
import { parseDuration } from './duration.js';

/** `sandfuzz validate` options as given. */
export interface ValidateOptions {
  target: string;
  profile: string;
  /** @defaultValue a random 31-bit integer, printed */
  seed?: string | number;
  /** Workload units to replay (lifecycle events come on top). @defaultValue 200 */
  units?: string | number;
  /** @defaultValue 10s */
  unitTimeout?: string | number;
  json?: boolean;
}

export interface ResolvedValidateOptions {
  readonly target: string;
  readonly profilePath: string;
  readonly seed: number;
  readonly units: number;
  readonly unitTimeoutMs: number;
  readonly json: boolean;
}

export function resolveValidateOptions(o: ValidateOptions, random: () => number = Math.random): ResolvedValidateOptions {
  if (!o.profile) throw new UsageError('--profile is required');
  const seed = o.seed === undefined ? Math.floor(random() * 0x7fffffff) : Number(o.seed);
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0x7fffffff)
    throw new UsageError(`--seed must be an integer from 0 to 2147483647 (got '${o.seed}')`);
  const units = Number(o.units ?? 200);
  if (!Number.isSafeInteger(units) || units < 1 || units > 100_000)
    throw new UsageError(`--units must be an integer from 1 to 100000 (got '${o.units}')`);
  return {
    target: o.target,
    profilePath: resolve(o.profile),
    seed,
    units,
    unitTimeoutMs: parseDuration('--unit-timeout', o.unitTimeout ?? '10s'),
    json: o.json ?? false,
  };
}
