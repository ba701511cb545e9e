import type { TracerName } from '../engine/tracer/tracers.js';
import { readFile } from 'node:fs/promises';
import { loadFor } from '../bench/load/index.js';
import { runBench, summariseBench, type BenchOptions, type ConfigSummary } from '../bench/profile-bench.js';
import {
  BASELINE_CONFIG,
  benchSlots,
  profileConfigNames,
  profileFigures,
  tracedConfigOf,
  tracerRatio,
  type BenchProfile,
  type ComparedTracer,
  type ProfileFigures,
} from '../bench/profile-configs.js';
import { getTarget } from '../../targets/index.js';
import type { ContainerRuntime } from '../engine/docker/runtime.js';
import type { ImageStore } from '../../targets/image-store.js';
import type { Tracer } from '../engine/tracer/tracer.js';
import type { HostProbe } from '../env/host-probe.js';
import { assertReadyToRun, checkPrerequisites } from '../env/prerequisites.js';
import { InputFileError } from '../shared/errors.js';
import { parseProfile } from '../profile/parse.js';
import { setUpTarget } from './target-setup.js';

export interface BenchArgs {
  readonly target: string;
  /** One or more profiles, each measured as its own configuration in the same rounds. */
  readonly profilePaths: readonly string[];
  readonly options: BenchOptions;
  /** Measure the mining profile untraced and traced (the tracer's cost); default true. */
  readonly tracerCost?: boolean;
  /** Other tracers measured in the same rounds, each traced under the mining profile. */
  readonly compareTracers?: readonly ComparedTracer[];
}

export interface BenchResult {
  readonly target: string;
  /** The first profile's path (kept from the single-profile shape). */
  readonly profile: string;
  readonly options: BenchOptions;
  /** The first profile's median throughput over median unconfined throughput. */
  readonly profileRatio: number;
  /** Every profile, in the order given. */
  readonly profiles: readonly ProfileFigures[];
  readonly configs: readonly ConfigSummary[];
  /**
   * Mining-traced over untraced throughput under the mining profile: the median of per-round
   * ratios, each of two windows on the same container; null if skipped.
   */
  readonly tracerRatio: number | null;
  /** Its bootstrap 95% interval. */
  readonly tracerRatioCi95?: readonly [number, number];
  /** The run's own tracer (tracerRatio's). */
  readonly tracer?: string;
  /** The same ratio for each compared tracer, by name. */
  readonly tracerRatios?: Readonly<Record<string, number | null>>;
}

/** Reads and checks every profile before any container starts: a bad file is one line, exit 65. */
async function loadProfiles(paths: readonly string[]): Promise<BenchProfile[]> {
  const names = profileConfigNames(paths);
  return Promise.all(
    paths.map(async (path, i) => {
      const json = await readFile(path, 'utf8').catch((err: Error) => {
        throw new InputFileError(`cannot read profile ${path}: ${err.message}`);
      });
      parseProfile(json, path);
      return { path, name: names[i]!, json };
    }),
  );
}

/**
 * `sandfuzz bench`: the target under no profile, Docker's default, each given profile, and the
 * mining profile with and without the tracer (on one container a round), measured side by side in
 * the same rounds.
 */
export async function benchCommand(
  args: BenchArgs,
  deps: {
    runtime: ContainerRuntime;
    images: ImageStore;
    probe: HostProbe;
    tracer?: TracerName;
    createTracer: () => Tracer;
    signal: AbortSignal;
    log: (l: string) => void;
  },
): Promise<BenchResult> {
  const definition = getTarget(args.target);
  const profiles = await loadProfiles(args.profilePaths);
  assertReadyToRun(await checkPrerequisites(deps.probe, deps.tracer));
  const { spec: target } = await setUpTarget(definition, deps);
  const slots = benchSlots(profiles, { tracerCost: args.tracerCost ?? true, compareTracers: args.compareTracers ?? [] });
  const samples = await runBench(target, slots, loadFor(target.generator), deps, args.options);
  const summaries = summariseBench(samples, BASELINE_CONFIG);
  const figures = profileFigures(profiles, summaries);
  const tracer = tracerRatio(summaries);
  return {
    target: target.name,
    profile: profiles[0]!.path,
    options: args.options,
    profileRatio: figures[0]!.ratio,
    profiles: figures,
    configs: summaries,
    tracerRatio: tracer?.ratio ?? null,
    ...(tracer ? { tracerRatioCi95: tracer.ci95 } : {}),
    ...(deps.tracer ? { tracer: deps.tracer } : {}),
    ...(args.compareTracers?.length
      ? { tracerRatios: Object.fromEntries(args.compareTracers.map((t) => [t.name, tracerRatio(summaries, tracedConfigOf(t.name))?.ratio ?? null])) }
      : {}),
  };
}
