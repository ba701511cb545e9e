import { cpus } from 'node:os';
import type { TargetSpec } from '../../targets/types.js';
import { CleanupStack } from '../engine/cleanup.js';
import { launchContainer } from '../engine/container-session.js';
import type { ContainerRuntime } from '../engine/docker/runtime.js';
import type { Tracer } from '../engine/tracer/tracer.js';
import { throwIfAborted } from '../engine/wait.js';
import type { Endpoint } from '../shared/endpoint.js';
import type { LoadResult, LoadRunner } from './load/types.js';
import { combineSegments, segmentOrder } from './segments.js';
import { median, pairedRatio } from './stats.js';

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

/**
 * Starts the target as every benchmark runs it (pinned to the server's CPU, capped, removed by
 * `cleanup`) and resolves with the address to load: straight to the server, because through
 * docker-proxy the proxy, not the server, is measured.
 */
export async function launchBenchServer(
  target: TargetSpec,
  seccompProfile: string,
  deps: { readonly runtime: ContainerRuntime; readonly cleanup: CleanupStack; readonly signal: AbortSignal },
): Promise<Endpoint> {
  const cpus = serverCpus();
  const c = await launchContainer({
    runtime: deps.runtime,
    cleanup: deps.cleanup,
    target,
    image: target.image,
    seccompProfile,
    purpose: 'bench',
    signal: deps.signal,
    ...(cpus ? { cpusetCpus: cpus } : {}),
    cpuLimit: SERVER_CPU_LIMIT,
  });
  return c.direct ?? c.endpoint;
}

/** One measured window: a configuration's name and whether a tracer is attached for it alone. */
export interface BenchWindow {
  readonly name: string;
  readonly traced?: boolean;
  /** Another tracer than the run's own (a side-by-side tracer comparison). */
  readonly createTracer?: () => Tracer;
}

/**
 * One container per round: a seccomp profile ('unconfined', 'engine-default' or JSON) and the
 * windows measured on it. A tracer's cost is its windows against the untraced one on the same
 * server, so nothing that differs between two containers enters it.
 */
export interface BenchSlot {
  readonly seccompProfile: string;
  readonly windows: readonly BenchWindow[];
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
  /** Throughput over the baseline's, the median of per-round ratios, with a bootstrap 95% interval. */
  readonly ratio: number;
  readonly ratioCi95: readonly [number, number];
}

/**
 * Measures every window `rounds` times. A round starts one fresh container per slot, all pinned to
 * the server's CPU and capped alike, warms each up (discarded), then loads one at a time in
 * one-second pieces that pass over every window forward and back (segments.ts): the others idle
 * meanwhile, and the drift of a noisy machine falls on every configuration alike rather than on
 * whichever ran when it struck. A traced window's tracer is attached for each of its pieces alone.
 * Each window's results are in round order: index r of every list is round r.
 */
export async function runBench(
  target: TargetSpec,
  slots: readonly BenchSlot[],
  load: LoadRunner,
  deps: { runtime: ContainerRuntime; createTracer: () => Tracer; signal: AbortSignal; log: (l: string) => void },
  opts: BenchOptions,
): Promise<Map<string, LoadResult[]>> {
  const windows = slots.flatMap((slot, s) => slot.windows.map((window) => ({ ...window, slot: s })));
  const samples = new Map(windows.map((w) => [w.name, [] as LoadResult[]] as const));
  for (let round = 0; round < opts.rounds; round++) {
    throwIfAborted(deps.signal);
    const cleanup = new CleanupStack();
    try {
      const endpoints: Endpoint[] = [];
      for (const slot of slots) endpoints.push(await launchBenchServer(target, slot.seccompProfile, { ...deps, cleanup }));
      for (const endpoint of endpoints) await load(endpoint, { seconds: opts.warmupSec, connections: opts.connections });
      const pieces = windows.map(() => [] as LoadResult[]);
      for (const segment of segmentOrder(windows.length, opts.measureSec, round)) {
        throwIfAborted(deps.signal);
        const window = windows[segment.window]!;
        const measure = () => load(endpoints[window.slot]!, { seconds: segment.seconds, connections: opts.connections });
        const tracer = window.traced ? (window.createTracer ?? deps.createTracer) : undefined;
        pieces[segment.window]!.push(await measureWindow(window.name, measure, tracer, cleanup));
      }
      windows.forEach((window, i) => {
        const result = combineSegments(pieces[i]!);
        samples.get(window.name)!.push(result);
        deps.log(`round ${round + 1}/${opts.rounds} ${window.name}: ${result.throughput.toFixed(0)}/s, p99 ${result.latencyP99Ms.toFixed(2)} ms`);
      });
    } finally {
      await cleanup.runAll();
    }
  }
  return samples;
}

/** One window's load, with its tracer attached for just that long (stopped on every path). */
async function measureWindow(
  name: string,
  measure: () => Promise<LoadResult>,
  createTracer: (() => Tracer) | undefined,
  cleanup: CleanupStack,
): Promise<LoadResult> {
  if (!createTracer) return measure();
  const tracer = createTracer();
  const stop = cleanup.defer(`stop tracer (${name})`, () => tracer.stop());
  await tracer.start();
  const result = await measure();
  await stop();
  return result;
}

/** Medians per configuration and ratios to the baseline configuration, round by round. Pure. */
export function summariseBench(samples: ReadonlyMap<string, readonly LoadResult[]>, baseline: string): ConfigSummary[] {
  const base = (samples.get(baseline) ?? []).map((r) => r.throughput);
  if (base.length === 0) throw new Error(`no samples for the baseline '${baseline}'`);
  return [...samples].map(([name, runs]) => {
    const throughput = runs.map((r) => r.throughput);
    const { ratio, ci95 } = pairedRatio(base, throughput);
    return {
      name,
      runs,
      medianThroughput: median(throughput),
      medianP50Ms: median(runs.map((r) => r.latencyP50Ms)),
      medianP99Ms: median(runs.map((r) => r.latencyP99Ms)),
      ratio,
      ratioCi95: ci95,
    };
  });
}
