import { resolve } from 'node:path';
import { benchText } from '../../bench/bench-text.js';
import { benchCommand } from '../../commands/bench.js';
import { parseDuration } from '../../config/duration.js';
import { UsageError } from '../../shared/errors.js';
import { abortSignal } from '../handler.js';
import type { ComparedTracer } from '../../bench/profile-configs.js';
import { isTracerName, TRACER_NAMES, TRACERS, type TracerName } from '../../engine/tracer/tracers.js';
import { realDeps, type Wire } from '../wiring.js';

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
  tracer?: TracerName;
  /** --compare-tracers: comma-separated names of other tracers to measure beside --tracer. */
  compareTracers?: string;
}

/** The other tracers to measure beside the run's own, checked against the tracer table. */
function comparedTracers(value: string | undefined, own: TracerName): ComparedTracer[] {
  if (value === undefined) return [];
  return value.split(',').map((name) => {
    if (!isTracerName(name)) {
      throw new UsageError(`--compare-tracers: unknown tracer '${name}' (known: ${TRACER_NAMES.join(', ')})`);
    }
    if (name === own) throw new UsageError(`--compare-tracers: ${name} is already the --tracer measured`);
    return { name, create: TRACERS[name].create };
  });
}

export async function bench(opts: BenchCliOptions, wire: Wire = realDeps): Promise<void> {
  const options = {
    rounds: count('--rounds', opts.rounds),
    measureSec: parseDuration('--duration', opts.duration) / 1000,
    warmupSec: parseDuration('--warmup', opts.warmup) / 1000,
    connections: count('--connections', opts.connections),
  };
  const { runtime, images, probe, createTracer, tracer } = wire({ ...(opts.tracer ? { tracer: opts.tracer } : {}) });
  const result = await benchCommand(
    {
      target: opts.target,
      profilePaths: opts.profile.map((p) => resolve(p)),
      options,
      tracerCost: opts.tracerCost !== false,
      compareTracers: comparedTracers(opts.compareTracers, tracer),
    },
    { runtime, images, probe, tracer, createTracer, signal: abortSignal, log: (l) => process.stderr.write(`sandfuzz: ${l}\n`) },
  );
  process.stdout.write(opts.json ? `${JSON.stringify(result)}\n` : benchText(result));
}
