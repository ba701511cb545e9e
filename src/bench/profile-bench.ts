import { cpus } from 'node:os';
import type { TargetSpec } from '../../targets/types.js';
import { CleanupStack } from '../engine/cleanup.js';
import { launchContainer } from '../engine/container-session.js';
import type { ContainerRuntime } from '../engine/docker/runtime.js';
import type { Tracer } from '../engine/tracer/tracer.js';
import { throwIfAborted } from '../engine/wait.js';
import type { LoadResult, LoadRunner } from './load/types.js';
import { bootstrapRatioInterval, median } from './stats.js';

/**
 * The server gets the last CPU and the load generator (this process) the others, so the two do
 * not trade places between runs: that trading is most of the noise on a small machine.
 */
function serverCpus(): string | undefined {
  const n = cpus().length;
  return n >= 2 ? String(n - 1) : undefined;
}

/**
 * The server's share of its CPU. A benchmark measures what is saturated: with a whole core, nginx
 * idles a quarter of the time while the load generator (Node, on the other core) runs flat out
 * (measured here: client 91% busy, server 75%), so throughput is the client's, the server's costs
 * (a profile, the tracer) are partly hidden, and the client's own are counted. Capped at half a
 * core, the server is the bottleneck and the client has room to spare.
 */
export const SERVER_CPU_LIMIT = 0.5;

/** One way to run the container: a seccomp profile (JSON, 'unconfined', 'engine-default'), traced or not. */
export interface BenchConfig {
  readonly name: string;
  readonly seccompProfile: string;
  readonly traced?: boolean;
  /** Another tracer than the run's own (a side-by-side tracer comparison). */
  readonly createTracer?: () => Tracer;
}

export interface BenchOptions {
  readonly rounds: number;
  readonly warmupSec: number;
  readonly measureSec: number;
  readonly connections: number;
}

export interface ConfigSummary {
  readonly name: string;
  readonly runs: readonly LoadResult[];
  readonly medianThroughput: number;
  readonly medianP50Ms: number;
  readonly medianP99Ms: number;
  /** Median throughput over the baseline's median, with a bootstrap 95% interval. */
  readonly ratio: number;
  readonly ratioCi95: readonly [number, number];
}

/**
 * Measures every configuration `rounds` times, interleaved (A B C, then B C A, ...: drift on a noisy
 * machine spreads over all of them), each run on a fresh container after a discarded warm-up.
 */
export async function runBench(
  target: TargetSpec,
  configs: readonly BenchConfig[],
  load: LoadRunner,
  deps: { runtime: ContainerRuntime; createTracer: () => Tracer; signal: AbortSignal; log: (l: string) => void },
  opts: BenchOptions,
): Promise<Map<string, LoadResult[]>> {
  const samples = new Map(configs.map((c) => [c.name, [] as LoadResult[]]));
  for (let round = 0; round < opts.rounds; round++) {
    const order = configs.map((_, i) => configs[(i + round) % configs.length]!);
    for (const config of order) {
      throwIfAborted(deps.signal);
      const cleanup = new CleanupStack();
      try {
        if (config.traced) {
          const tracer = (config.createTracer ?? deps.createTracer)();
          cleanup.defer('stop tracer', () => tracer.stop());
          await tracer.start();
        }
        const c = await launchContainer({
          runtime: deps.runtime,
          cleanup,
          target,
          image: target.image,
          seccompProfile: config.seccompProfile,
          purpose: 'bench',
          signal: deps.signal,
          ...(serverCpus() ? { cpusetCpus: serverCpus() } : {}),
          cpuLimit: SERVER_CPU_LIMIT,
        });
        // Straight to the server: through docker-proxy the proxy, not the server, is measured.
        const endpoint = c.direct ?? c.endpoint;
        await load(endpoint, { seconds: opts.warmupSec, connections: opts.connections });
        const result = await load(endpoint, { seconds: opts.measureSec, connections: opts.connections });
        samples.get(config.name)!.push(result);
        deps.log(`round ${round + 1}/${opts.rounds} ${config.name}: ${result.throughput.toFixed(0)}/s, p99 ${result.latencyP99Ms.toFixed(2)} ms`);
      } finally {
        await cleanup.runAll();
      }
    }
  }
  return samples;
}

/** Medians per configuration and ratios to the baseline configuration. Pure. */
export function summariseBench(samples: ReadonlyMap<string, readonly LoadResult[]>, baseline: string): ConfigSummary[] {
  const base = (samples.get(baseline) ?? []).map((r) => r.throughput);
  if (base.length === 0) throw new Error(`no samples for the baseline '${baseline}'`);
  return [...samples].map(([name, runs]) => {
    const throughput = runs.map((r) => r.throughput);
    return {
      name,
      runs,
      medianThroughput: median(throughput),
      medianP50Ms: median(runs.map((r) => r.latencyP50Ms)),
      medianP99Ms: median(runs.map((r) => r.latencyP99Ms)),
      ratio: median(throughput) / median(base),
      ratioCi95: bootstrapRatioInterval(base, throughput),
    };
  });
}
