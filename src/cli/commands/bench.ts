import { resolve } from 'node:path';
import { benchText } from '../../bench/bench-text.js';
import { benchCommand } from '../../commands/bench.js';
import { parseDuration } from '../../config/duration.js';
import { DockerodeRuntime } from '../../engine/docker/dockerode-runtime.js';
import { BpftraceTracer } from '../../engine/tracer/bpftrace.js';
import { realHostProbe } from '../../env/host-probe.js';
import { UsageError } from '../../shared/errors.js';
import { abortSignal } from '../handler.js';

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

export async function bench(opts: BenchCliOptions): Promise<void> {
  const options = {
    rounds: count('--rounds', opts.rounds),
    measureSec: parseDuration('--duration', opts.duration) / 1000,
    warmupSec: parseDuration('--warmup', opts.warmup) / 1000,
    connections: count('--connections', opts.connections),
  };
  const runtime = new DockerodeRuntime();
  const result = await benchCommand(
    { target: opts.target, profilePaths: opts.profile.map((p) => resolve(p)), options, tracerCost: opts.tracerCost !== false },
    { runtime, probe: realHostProbe(runtime), createTracer: () => new BpftraceTracer(), signal: abortSignal, log: (l) => process.stderr.write(`sandfuzz: ${l}\n`) },
  );
  process.stdout.write(opts.json ? `${JSON.stringify(result)}\n` : benchText(result));
}
