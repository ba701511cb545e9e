import { resolve } from 'node:path';
import { benchCommand } from '../../commands/bench.js';
import { parseDuration } from '../../config/duration.js';
import { DockerodeRuntime } from '../../engine/docker/dockerode-runtime.js';
import { BpftraceTracer } from '../../engine/tracer/bpftrace.js';
import { realHostProbe } from '../../env/host-probe.js';
import { UsageError } from '../../errors.js';
import { abortSignal } from '../handler.js';

function count(option: string, value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`${option} must be a positive integer (got '${value}')`);
  return n;
}

export async function bench(opts: { target: string; profile: string; rounds: string; duration: string; warmup: string; connections: string; json?: boolean }): Promise<void> {
  const options = {
    rounds: count('--rounds', opts.rounds),
    measureSec: parseDuration('--duration', opts.duration) / 1000,
    warmupSec: parseDuration('--warmup', opts.warmup) / 1000,
    connections: count('--connections', opts.connections),
  };
  const runtime = new DockerodeRuntime();
  const result = await benchCommand(
    { target: opts.target, profilePath: resolve(opts.profile), options },
    { runtime, probe: realHostProbe(runtime), createTracer: () => new BpftraceTracer(), signal: abortSignal, log: (l) => process.stderr.write(`sandfuzz: ${l}\n`) },
  );
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  process.stdout.write(`${result.target}, median of ${options.rounds} interleaved runs of ${options.measureSec}s each (fresh container, warm-up discarded):\n`);
  for (const c of result.configs) {
    const [lo, hi] = c.ratioCi95;
    process.stdout.write(`  ${c.name.padEnd(16)} ${c.medianThroughput.toFixed(0).padStart(8)}/s  p50 ${c.medianP50Ms.toFixed(2)} ms  p99 ${c.medianP99Ms.toFixed(2)} ms  ratio ${c.ratio.toFixed(3)} [${lo.toFixed(3)}, ${hi.toFixed(3)}]\n`);
  }
  process.stdout.write(`  profileRatio ${result.profileRatio.toFixed(3)}, tracer cost ${((1 - result.tracerRatio) * 100).toFixed(1)}% (traced/untraced ${result.tracerRatio.toFixed(3)})\n`);
}
