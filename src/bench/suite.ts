import type { BenchResult } from '../commands/bench.js';
import type { RunOutcome } from '../commands/run.js';
import type { TargetRun } from '../commands/run-many.js';
import { compareGuidance, type GuidanceComparison, type GuidanceRunRequest, type GuidanceRunResult } from './guidance-compare.js';
import { benchJobs, type JobsBenchResult } from './jobs-bench.js';
import type { BenchOptions } from './profile-bench.js';
import { benchSaturation, type SaturationResult } from './saturation.js';

/** The parts of issue 10 the bench measures, in the order it runs them. */
export const BENCH_SECTIONS = ['saturation', 'throughput', 'guidance', 'jobs'] as const;
export type BenchSection = (typeof BENCH_SECTIONS)[number];

export interface SuiteOptions {
  readonly sections: readonly BenchSection[];
  /** Built-in target names (or target files) the saturation, throughput and jobs sections use. */
  readonly targets: readonly string[];
  /** Saturation: one mining run per target and seed (with the proof off: it is no part of mining). */
  readonly seeds: readonly number[];
  /** Throughput under each profile and the tracer's cost (`sandfuzz bench` per target). */
  readonly throughput: BenchOptions & {
    /** More profiles per target, measured in the same rounds as the one mined here. */
    readonly extraProfiles: Readonly<Record<string, readonly string[]>>;
  };
  /** Guided against unguided (src/bench/guidance-compare.ts). */
  readonly guidance: { readonly targets: readonly string[]; readonly seeds: readonly number[]; readonly budgetMs: number };
  /** `run --jobs 1` against `run --jobs N` on all targets, one round per seed. */
  readonly jobs: { readonly jobs: number; readonly seeds: readonly number[]; readonly enforce: boolean };
  /** Every run writes below this folder. */
  readonly outRoot: string;
}

/** The mined profile a target's throughput was measured with, and the bench's figures. */
export interface ThroughputRow {
  readonly target: string;
  /** Seed of the run that mined the profile measured. */
  readonly seed: number;
  readonly result: BenchResult;
}

export interface SuiteResult {
  readonly startedAt: string;
  readonly durationMs: number;
  readonly options: SuiteOptions;
  /** null: the section was not asked for. */
  readonly saturation: SaturationResult | null;
  readonly throughput: readonly ThroughputRow[] | null;
  readonly guidance: GuidanceComparison | null;
  readonly jobs: JobsBenchResult | null;
  /** Wall time each section took, so a run's length can be planned from the last one. */
  readonly sectionMs: Readonly<Partial<Record<BenchSection, number>>>;
  /** The figures issue 10 sets bars for, per target, pulled from the sections above (null: not measured). */
  readonly headline: Headline;
}

export interface Headline {
  readonly tracerRatio: Readonly<Record<string, number | null>> | null;
  readonly profileRatio: Readonly<Record<string, number>> | null;
  /** `saturated/total` and the median mining time per target. */
  readonly saturated: Readonly<Record<string, string>> | null;
  readonly medianMiningMs: Readonly<Record<string, number | null>> | null;
  readonly guidedPays: boolean | null;
  /** Median wall time of --jobs N over --jobs 1 (same targets and seeds). */
  readonly jobsRatio: number | null;
}

/** Pure: the headline figures of a suite's sections. */
export function headline(r: Pick<SuiteResult, 'saturation' | 'throughput' | 'guidance' | 'jobs'>): Headline {
  const per = <T, V>(rows: readonly T[] | undefined, key: (row: T) => string, value: (row: T) => V): Record<string, V> | null =>
    rows ? Object.fromEntries(rows.map((row) => [key(row), value(row)])) : null;
  return {
    tracerRatio: per(
      r.throughput ?? undefined,
      (t) => t.target,
      (t) => t.result.tracerRatio,
    ),
    profileRatio: per(
      r.throughput ?? undefined,
      (t) => t.target,
      (t) => t.result.profileRatio,
    ),
    saturated: per(
      r.saturation?.targets,
      (t) => t.target,
      (t) => `${t.saturated}/${t.total}`,
    ),
    medianMiningMs: per(
      r.saturation?.targets,
      (t) => t.target,
      (t) => t.medianMiningMs,
    ),
    guidedPays: r.guidance?.guidedPays ?? null,
    jobsRatio: r.jobs?.ratio ?? null,
  };
}

export interface SuiteDeps {
  /** `sandfuzz run` of one target and seed, without the proof. */
  readonly mineOne: (target: string, seed: number, outDir: string) => Promise<RunOutcome>;
  /** `sandfuzz run --target ...all --jobs N --seed S --out DIR`, the proof as asked. */
  readonly runAll: (targets: readonly string[], jobs: number, seed: number, outDir: string, enforce: boolean) => Promise<TargetRun[]>;
  /** `sandfuzz bench --target T --profile P...`. */
  readonly throughput: (target: string, profiles: readonly string[], options: BenchOptions) => Promise<BenchResult>;
  /** One run of the guidance comparison (cliMiningRun: a `sandfuzz run` process of its own). */
  readonly guidanceRun: (request: GuidanceRunRequest) => Promise<GuidanceRunResult>;
  readonly readFile: (path: string) => Promise<string>;
  readonly nowMs: () => number;
  readonly now: () => Date;
  readonly log: (line: string) => void;
}

/**
 * `npm run bench`: every figure of issue 10 measured in one run, nothing carried over from an
 * earlier one. Throughput needs a profile per target: the first seed's saturation run mines it
 * (or, without that section, a run of its own).
 */
export async function runSuite(opts: SuiteOptions, deps: SuiteDeps): Promise<SuiteResult> {
  const startedAt = deps.now();
  const start = deps.nowMs();
  const wants = (s: BenchSection): boolean => opts.sections.includes(s);
  const sectionMs: Partial<Record<BenchSection, number>> = {};
  const timed = async <T>(section: BenchSection, body: () => Promise<T>): Promise<T | null> => {
    if (!wants(section)) return null;
    const begin = deps.nowMs();
    try {
      return await body();
    } finally {
      sectionMs[section] = deps.nowMs() - begin;
    }
  };

  const saturation = await timed('saturation', () =>
    benchSaturation({ targets: opts.targets, seeds: opts.seeds, outRoot: `${opts.outRoot}/saturation` }, deps),
  );

  const throughput = await timed('throughput', async () => {
    const rows: ThroughputRow[] = [];
    for (const target of opts.targets) {
      const mined = saturation?.targets.find((t) => t.target === target)?.runs.find((r) => r.ok);
      let profile: { path: string; seed: number };
      if (mined?.ok) profile = { path: mined.profilePath, seed: mined.seed };
      else {
        const seed = opts.seeds[0] ?? 1;
        profile = { path: (await deps.mineOne(target, seed, `${opts.outRoot}/throughput/${target}`)).profilePath, seed };
      }
      const { extraProfiles, ...load } = opts.throughput;
      const result = await deps.throughput(target, [profile.path, ...(extraProfiles[target] ?? [])], load);
      deps.log(`throughput: ${target}: profileRatio ${result.profileRatio.toFixed(3)}, tracerRatio ${result.tracerRatio?.toFixed(3) ?? 'n/a'}`);
      rows.push({ target, seed: profile.seed, result });
    }
    return rows;
  });

  const guidance = await timed('guidance', () =>
    compareGuidance(opts.guidance, {
      run: deps.guidanceRun,
      onRun: (r) =>
        deps.log(`guidance: ${r.name} seed ${r.seed} ${r.mode}: ${r.finalSet} syscalls, last at ${(r.timeToFinalSetMs / 1000).toFixed(1)}s`),
    }),
  );

  const jobs = await timed('jobs', () =>
    benchJobs(
      { targets: opts.targets, seeds: opts.jobs.seeds, jobs: opts.jobs.jobs, enforce: opts.jobs.enforce, outRoot: `${opts.outRoot}/jobs` },
      { ...deps, runAll: (n, seed, out) => deps.runAll(opts.targets, n, seed, out, opts.jobs.enforce) },
    ),
  );

  const sections = { saturation, throughput, guidance, jobs };
  return {
    startedAt: startedAt.toISOString(),
    durationMs: deps.nowMs() - start,
    options: opts,
    ...sections,
    sectionMs,
    headline: headline(sections),
  };
}
