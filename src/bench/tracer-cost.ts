import autocannon from 'autocannon';
import type { TargetSpec } from '../../targets/types.js';
import { CleanupStack } from '../engine/cleanup.js';
import { launchContainer } from '../engine/container-session.js';
import type { ContainerRuntime } from '../engine/docker/runtime.js';
import { miningProfileJson } from '../engine/mining-profile.js';
import type { Tracer } from '../engine/tracer/tracer.js';
import { median } from './stats.js';

export interface TracerCostOptions {
  readonly rounds: number;
  readonly warmupSec: number;
  readonly measureSec: number;
  readonly connections: number;
}

export interface TracerCostResult {
  readonly untraced: number[];
  readonly traced: number[];
  readonly medianUntraced: number;
  readonly medianTraced: number;
  /** Median traced throughput over median untraced throughput. */
  readonly ratio: number;
}

async function throughput(url: string, seconds: number, connections: number): Promise<number> {
  const result = await autocannon({ url, duration: seconds, connections, pipelining: 1 });
  return result.requests.average;
}

/**
 * HTTP throughput of a target with and without the mining tracer attached, measured side by side:
 * rounds alternate untraced and traced (the order flips every round), each on a fresh container
 * under the same mining profile, warm-up discarded.
 */
export async function measureTracerCost(
  target: TargetSpec,
  deps: { runtime: ContainerRuntime; createTracer: () => Tracer; signal: AbortSignal; log: (l: string) => void },
  opts: TracerCostOptions,
): Promise<TracerCostResult> {
  const samples = { untraced: [] as number[], traced: [] as number[] };
  for (let round = 0; round < opts.rounds; round++) {
    const order: Array<'untraced' | 'traced'> = round % 2 === 0 ? ['untraced', 'traced'] : ['traced', 'untraced'];
    for (const mode of order) {
      const cleanup = new CleanupStack();
      try {
        if (mode === 'traced') {
          const tracer = deps.createTracer();
          cleanup.defer('stop tracer', () => tracer.stop());
          await tracer.start();
        }
        const c = await launchContainer({
          runtime: deps.runtime, cleanup, target, image: target.image, seccompProfile: miningProfileJson(),
          purpose: 'bench', signal: deps.signal,
        });
        const url = `http://${c.endpoint.host}:${c.endpoint.port}/`;
        await throughput(url, opts.warmupSec, opts.connections);
        const rps = await throughput(url, opts.measureSec, opts.connections);
        samples[mode].push(rps);
        deps.log(`round ${round + 1} ${mode}: ${rps.toFixed(0)} req/s`);
      } finally {
        await cleanup.runAll();
      }
    }
  }
  const medianUntraced = median(samples.untraced);
  const medianTraced = median(samples.traced);
  return { ...samples, medianUntraced, medianTraced, ratio: medianTraced / medianUntraced };
}
