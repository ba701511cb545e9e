import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { parseDuration } from './duration.js';

/** `sandfuzz run` options as the user gives them (all optional but the target). */
export interface RunOptions {
  target: string;
  /** Output folder. @defaultValue reports/<target>-<UTC timestamp> */
  out?: string;
  /** Seed of every random choice. @defaultValue a random 31-bit integer, printed and recorded */
  seed?: string | number;
  /** Mining budget. @defaultValue 75s */
  maxTime?: string | number;
  /** Stop after this long without a new syscall... @defaultValue 20s */
  plateauTime?: string | number;
  /** ...and this many units without one. @defaultValue 50 */
  plateauUnits?: string | number;
  /** Upper bound for one unit. @defaultValue 10s */
  unitTimeout?: string | number;
  /** Skip the enforcement check (not recommended). @defaultValue true */
  enforce?: boolean;
  /** Machine-readable summary on stdout instead of the human one. @defaultValue false */
  json?: boolean;
}

/** Every option filled in and checked; nothing downstream sees RunOptions. */
export interface ResolvedRunOptions {
  readonly target: string;
  readonly outDir: string;
  readonly seed: number;
  readonly maxTimeMs: number;
  readonly plateauTimeMs: number;
  readonly plateauUnits: number;
  readonly unitTimeoutMs: number;
  readonly enforce: boolean;
  readonly json: boolean;
}

export const RUN_DEFAULTS = {
  maxTime: '75s',
  plateauTime: '20s',
  plateauUnits: 50,
  unitTimeout: '10s',
} as const;

function timestamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z').replace('T', '-');
}

function readSeed(value: string | number | undefined, random: () => number): number {
  if (value === undefined) return Math.floor(random() * 0x7fffffff);
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0 || n > 0x7fffffff) {
    throw new UsageError(`--seed must be an integer from 0 to 2147483647 (got '${value}')`);
  }
  return n;
}

function readCount(option: string, value: string | number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`${option} must be a positive integer (got '${value}')`);
  return n;
}

/** Resolves user options into their complete, validated form. */
export function resolveRunOptions(
  options: RunOptions,
  env: { now?: Date; random?: () => number; cwd?: string } = {},
): ResolvedRunOptions {
  const now = env.now ?? new Date();
  const target = options.target;
  if (!target) throw new UsageError('--target is required');
  const maxTimeMs = parseDuration('--max-time', options.maxTime ?? RUN_DEFAULTS.maxTime);
  const plateauTimeMs = parseDuration('--plateau-time', options.plateauTime ?? RUN_DEFAULTS.plateauTime);
  const unitTimeoutMs = parseDuration('--unit-timeout', options.unitTimeout ?? RUN_DEFAULTS.unitTimeout);
  if (plateauTimeMs > maxTimeMs) {
    throw new UsageError(`--plateau-time (${plateauTimeMs} ms) must not exceed --max-time (${maxTimeMs} ms)`);
  }
  const cwd = env.cwd ?? process.cwd();
  return {
    target,
    outDir: resolve(cwd, options.out ?? `reports/${target}-${timestamp(now)}`),
    seed: readSeed(options.seed, env.random ?? Math.random),
    maxTimeMs,
    plateauTimeMs,
    plateauUnits: readCount('--plateau-units', options.plateauUnits ?? RUN_DEFAULTS.plateauUnits),
    unitTimeoutMs,
    enforce: options.enforce ?? true,
    json: options.json ?? false,
  };
}
