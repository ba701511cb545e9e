import { readFile } from 'node:fs/promises';
import { loadFor } from '../bench/load/index.js';
import { runBench, summariseBench, type BenchOptions, type ConfigSummary } from '../bench/profile-bench.js';
import { getTarget } from '../../targets/index.js';
import { ENGINE_DEFAULT_PROFILE, type DockerodeRuntime } from '../engine/docker/dockerode-runtime.js';
import { miningProfileJson } from '../engine/mining-profile.js';
import type { Tracer } from '../engine/tracer/tracer.js';
import type { HostProbe } from '../env/host-probe.js';
import { assertReadyToRun, checkPrerequisites } from '../env/prerequisites.js';
import { InputFileError } from '../errors.js';
import { parseProfile } from '../profile/parse.js';
import { setUpTarget } from './target-setup.js';

export interface BenchResult {
  readonly target: string;
  readonly profile: string;
  readonly options: BenchOptions;
  /** Median throughput under the profile over median unconfined throughput. */
  readonly profileRatio: number;
  readonly configs: readonly ConfigSummary[];
  /** Mining-traced over untraced throughput, both under the mining profile. */
  readonly tracerRatio: number;
}

/**
 * `sandfuzz bench`: the target under no profile, Docker's default, the given profile, and the
 * mining profile with and without the tracer, measured side by side.
 */
export async function benchCommand(
  args: { target: string; profilePath: string; options: BenchOptions },
  deps: { runtime: DockerodeRuntime; probe: HostProbe; createTracer: () => Tracer; signal: AbortSignal; log: (l: string) => void },
): Promise<BenchResult> {
  const definition = getTarget(args.target);
  const text = await readFile(args.profilePath, 'utf8').catch((err: Error) => {
    throw new InputFileError(`cannot read profile ${args.profilePath}: ${err.message}`);
  });
  parseProfile(text, args.profilePath);
  assertReadyToRun(await checkPrerequisites(deps.probe));
  const { spec: target } = await setUpTarget(definition, deps);
  const configs = [
    { name: 'unconfined', seccompProfile: 'unconfined' },
    { name: 'docker-default', seccompProfile: ENGINE_DEFAULT_PROFILE },
    { name: 'profile', seccompProfile: text },
    { name: 'mining-untraced', seccompProfile: miningProfileJson() },
    { name: 'mining-traced', seccompProfile: miningProfileJson(), traced: true },
  ];
  const samples = await runBench(target, configs, loadFor(target.generator), deps, args.options);
  const summaries = summariseBench(samples, 'unconfined');
  const byName = new Map(summaries.map((s) => [s.name, s]));
  return {
    target: target.name,
    profile: args.profilePath,
    options: args.options,
    profileRatio: byName.get('profile')!.ratio,
    configs: summaries,
    tracerRatio: byName.get('mining-traced')!.medianThroughput / byName.get('mining-untraced')!.medianThroughput,
  };
}
