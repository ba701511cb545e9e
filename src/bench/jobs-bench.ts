import type { TargetRun } from '../commands/run-many.js';
import { compareProfiles } from '../profile/compare.js';
import { parseProfile } from '../profile/parse.js';
import type { Finder, RunReport } from '../report/run-report.js';
import { bootstrapMedianInterval, median } from './stats.js';

/** How one target's profile from the sequential run compares with the one from the parallel run. */
export interface ProfileMatch {
  readonly target: string;
  /** Same rules, architectures and settings (provenance aside): what `sandfuzz diff` calls identical. */
  readonly identical: boolean;
  /** Syscalls only one of the two profiles allows, each with what found it in the run that has it. */
  readonly onlySequential: readonly DifferingSyscall[];
  readonly onlyParallel: readonly DifferingSyscall[];
  /** Syscalls both allow under different rules (argument values seen in one run only). */
  readonly changedRules: readonly string[];
  readonly sequential: RunFigures;
  readonly parallel: RunFigures;
}

export interface DifferingSyscall {
  readonly name: string;
  /** `startup`, `shutdown`, or `unit 48 (redis:server)`: where the run that has it saw it first. */
  readonly foundBy: string;
  readonly firstSeenMs: number;
}

/** What a run of one target did, for reading a difference. */
export interface RunFigures {
  readonly miningMs: number;
  readonly units: number;
  readonly stopReason: string;
  readonly allowed: number;
}

/** One seed mined both ways, in the order given (the order alternates between rounds). */
export interface JobsRound {
  readonly seed: number;
  readonly order: readonly ['sequential' | 'parallel', 'sequential' | 'parallel'];
  readonly sequentialMs: number;
  readonly parallelMs: number;
  /** parallelMs / sequentialMs: below 1 is faster. */
  readonly ratio: number;
  /** Targets that failed in either mode: named, and left out of the profile comparison. */
  readonly failures: readonly string[];
  readonly profiles: readonly ProfileMatch[];
}

export interface JobsBenchResult {
  readonly jobs: number;
  readonly targets: readonly string[];
  readonly enforce: boolean;
  readonly rounds: readonly JobsRound[];
  readonly medianSequentialMs: number;
  readonly medianParallelMs: number;
  /** Median of the paired ratios (parallel over sequential, same seed), with its bootstrap 95% interval. */
  readonly ratio: number;
  readonly ratioCi95: readonly [number, number];
  /** Profiles identical in both modes, of those compared. */
  readonly identicalProfiles: number;
  readonly comparedProfiles: number;
}

export interface JobsBenchDeps {
  /** Mines every target of the bench with `jobs` at a time into `outDir/<target>` (runMany, as `run --jobs` does). */
  readonly runAll: (jobs: number, seed: number, outDir: string) => Promise<TargetRun[]>;
  readonly readFile: (path: string) => Promise<string>;
  /** Wall time in ms (performance.now in real runs). */
  readonly nowMs: () => number;
  readonly log: (line: string) => void;
}

export interface JobsBenchOptions {
  readonly targets: readonly string[];
  readonly seeds: readonly number[];
  readonly jobs: number;
  readonly enforce: boolean;
  /** Each run writes into `${outRoot}/<seed>-<mode>/<target>`. */
  readonly outRoot: string;
}

/**
 * `run --jobs 1` against `run --jobs N` on the same targets and seeds, interleaved A B, B A, ...
 * so that drift of the machine (another process, a warming page cache) falls on both modes alike.
 * Every wall time is measured here; the profiles of each seed are compared rule by rule.
 */
export async function benchJobs(opts: JobsBenchOptions, deps: JobsBenchDeps): Promise<JobsBenchResult> {
  const rounds: JobsRound[] = [];
  for (const [i, seed] of opts.seeds.entries()) {
    const order = i % 2 === 0 ? (['sequential', 'parallel'] as const) : (['parallel', 'sequential'] as const);
    const wall: Record<string, number> = {};
    const runs: Record<string, TargetRun[]> = {};
    for (const mode of order) {
      const jobs = mode === 'sequential' ? 1 : opts.jobs;
      const start = deps.nowMs();
      runs[mode] = await deps.runAll(jobs, seed, `${opts.outRoot}/${seed}-${mode}`);
      wall[mode] = deps.nowMs() - start;
      deps.log(`jobs: seed ${seed} --jobs ${jobs}: ${(wall[mode]! / 1000).toFixed(1)}s`);
    }
    const { profiles, failures } = await matchProfiles(runs.sequential!, runs.parallel!, deps.readFile);
    rounds.push({
      seed,
      order,
      sequentialMs: wall.sequential!,
      parallelMs: wall.parallel!,
      ratio: wall.parallel! / wall.sequential!,
      failures,
      profiles,
    });
  }
  const ratios = rounds.map((r) => r.ratio);
  const compared = rounds.flatMap((r) => r.profiles);
  return {
    jobs: opts.jobs,
    targets: opts.targets,
    enforce: opts.enforce,
    rounds,
    medianSequentialMs: median(rounds.map((r) => r.sequentialMs)),
    medianParallelMs: median(rounds.map((r) => r.parallelMs)),
    ratio: median(ratios),
    ratioCi95: bootstrapMedianInterval(ratios),
    identicalProfiles: compared.filter((p) => p.identical).length,
    comparedProfiles: compared.length,
  };
}

async function matchProfiles(
  sequential: readonly TargetRun[],
  parallel: readonly TargetRun[],
  readFile: (path: string) => Promise<string>,
): Promise<{ profiles: ProfileMatch[]; failures: string[] }> {
  const profiles: ProfileMatch[] = [];
  const failures: string[] = [];
  for (const s of sequential) {
    const p = parallel.find((r) => r.name === s.name);
    if (!s.ok || !p?.ok) {
      failures.push(`${s.name} (${!s.ok ? 'sequential' : 'parallel'} run failed)`);
      continue;
    }
    const a = parseProfile(await readFile(s.outcome.profilePath), s.outcome.profilePath);
    const b = parseProfile(await readFile(p.outcome.profilePath), p.outcome.profilePath);
    const c = compareProfiles(a, b);
    profiles.push({
      target: s.name,
      identical: c.identical,
      onlySequential: c.onlyInA.map((n) => differing(s.outcome.report, n)),
      onlyParallel: c.onlyInB.map((n) => differing(p.outcome.report, n)),
      changedRules: c.changed.map((ch) => ch.name),
      sequential: figures(s.outcome.report),
      parallel: figures(p.outcome.report),
    });
  }
  return { profiles, failures };
}

function figures(r: RunReport): RunFigures {
  return { miningMs: r.miningMs, units: r.unitsRun, stopReason: r.stopReason, allowed: r.profile.allowed };
}

function differing(report: RunReport, name: string): DifferingSyscall {
  const s = report.syscalls.find((x) => x.name === name);
  // A name the profile allows that mining never saw: Docker's own conditions or the proof added it.
  return s ? { name, foundBy: describeFinder(s.foundBy), firstSeenMs: s.firstSeenMs } : { name, foundBy: 'not mined', firstSeenMs: -1 };
}

function describeFinder(f: Finder): string {
  if (f.phase !== 'unit') return f.phase;
  const confirmed = f.confirmed === false ? ', not reproduced on replay' : '';
  return `unit ${f.index} (${f.family}${confirmed})`;
}
