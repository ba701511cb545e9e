import { resolve } from 'node:path';
import { benchText } from '../../bench/bench-text.js';
import { benchCommand } from '../../commands/bench.js';
import { parseDuration } from '../../config/duration.js';
import { UsageError } from '../../shared/errors.js';
import { abortSignal } from '../handler.js';
import { type RealDeps, realDeps } from '../wiring.js';

function count(option: string, value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`${option} must be a positive integer (got '${value}')`);
  return n;
}

export interface BenchCliOptions {
  target: string;
  /** Repeatable: commander collects every --profile in order. */
  profile: string[];
  rounds: string;
  duration: string;
  warmup: string;
  connections: string;
  /** False with --no-tracer-cost. */
  tracerCost?: boolean;
  json?: boolean;
}

export async function bench(opts: BenchCliOptions, wire: () => RealDeps = realDeps): Promise<void> {
  const options = {
    rounds: count('--rounds', opts.rounds),
    measureSec: parseDuration('--duration', opts.duration) / 1000,
    warmupSec: parseDuration('--warmup', opts.warmup) / 1000,
    connections: count('--connections', opts.connections),
  };
  const { runtime, images, probe, createTracer } = wire();
  const result = await benchCommand(
    { target: opts.target, profilePaths: opts.profile.map((p) => resolve(p)), options, tracerCost: opts.tracerCost !== false },
    { runtime, images, probe, createTracer, signal: abortSignal, log: (l) => process.stderr.write(`sandfuzz: ${l}\n`) },
  );
  process.stdout.write(opts.json ? `${JSON.stringify(result)}\n` : benchText(result));
}
