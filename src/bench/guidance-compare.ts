import { basename, extname } from 'node:path';
import { bootstrapMedianInterval, median } from './stats.js';

export type GuidanceMode = 'guided' | 'unguided';

/** Which target, seed and mode a run is: what both comparisons share of a request. */
export interface ModeRequest {
  readonly target: string;
  readonly seed: number;
  readonly mode: GuidanceMode;
}

/** The same for every target of a seed and mode at once (one invocation). */
export interface ModeBatchRequest {
  readonly targets: readonly string[];
  readonly seed: number;
  readonly mode: GuidanceMode;
}

/** One mining run of the comparison: a target (built-in name or target file), a seed, a mode, a budget. */
export interface GuidanceRunRequest extends ModeRequest {
  readonly budgetMs: number;
}

/** What one run found, from its report.json. */
export interface GuidanceRunResult {
  /** Syscalls in the run's final set (start-up, units, lifecycle events and stop). */
  readonly finalSet: number;
  /** Of those, first seen during units or lifecycle events: the part exploration decides. */
  readonly byUnits: number;
  /** When the last of them came in, in ms after mining started. */
  readonly timeToFinalSetMs: number;
  readonly unitsRun: number;
  readonly miningMs: number;
}

export interface GuidanceRun extends GuidanceRunRequest, GuidanceRunResult {
  /** Display name of the target (a target file's base name). */
  readonly name: string;
}

/** A median with its bootstrap 95% interval. */
export interface MedianInterval {
  readonly median: number;
  readonly low: number;
  readonly high: number;
}

export interface ModeSummary {
  readonly runs: number;
  readonly timeToFinalSetMs: MedianInterval;
  readonly finalSet: MedianInterval;
}

export interface TargetComparison {
  readonly target: string;
  readonly name: string;
  readonly guided: ModeSummary;
  readonly unguided: ModeSummary;
  /** Guided found more (median final set), or as much and reached it sooner (median time). */
  readonly guidedBetter: boolean;
  /** Why, in a few words (the table prints it). */
  readonly verdict: string;
}

export interface GuidanceComparison {
  readonly budgetMs: number;
  readonly seeds: readonly number[];
  readonly runs: readonly GuidanceRun[];
  readonly targets: readonly TargetComparison[];
  readonly guidedWins: number;
  /** Guided better on a majority of targets: the bar for keeping guidance the default. */
  readonly guidedPays: boolean;
}

export interface GuidanceCompareOptions {
  readonly targets: readonly string[];
  readonly seeds: readonly number[];
  readonly budgetMs: number;
}

/** One seed and mode on every target, one after the other, in one invocation (see cliMiningBatch). */
export interface GuidanceBatchRequest extends ModeBatchRequest {
  readonly budgetMs: number;
}

export interface GuidanceCompareDeps {
  /** Runs one mining run to its budget and measures it (see cliMiningRun). */
  readonly run: (request: GuidanceRunRequest) => Promise<GuidanceRunResult>;
  /**
   * When given, used instead of `run`: every target of a seed and mode in one go (results in the
   * order of the targets). One tracer start and one lock wait for all of them, not one per target.
   */
  readonly runBatch?: (request: GuidanceBatchRequest) => Promise<readonly GuidanceRunResult[]>;
  /** Told of each run as it ends (progress), if given. */
  readonly onRun?: (run: GuidanceRun) => void;
}

/** A target's display name: a built-in's name, a target file's base name. */
export function targetName(target: string): string {
  return target.includes('/') ? basename(target, extname(target)) : target;
}

/** A median with its bootstrap 95% interval (stats.ts). Seeded: a report replays exactly. */
export function bootstrapMedian(values: readonly number[]): MedianInterval {
  const [low, high] = bootstrapMedianInterval(values);
  return { median: median(values), low, high };
}

/**
 * The order of the two modes for a seed's pair of runs: unguided first on odd seeds, guided first
 * on even ones, so drift of the machine (warm caches, another process) hits both alike.
 */
export function modeOrder(seed: number): readonly GuidanceMode[] {
  return seed % 2 === 1 ? ['unguided', 'guided'] : ['guided', 'unguided'];
}

/** A run as a comparison records it: what was asked (Q: the comparison's own fields), its name, what it found. */
export type RecordedRun<Q, R> = ModeRequest & Q & { readonly name: string } & R;

export interface ScheduleDeps<Q, R> {
  readonly run: (request: ModeRequest & Q) => Promise<R>;
  readonly runBatch?: (request: ModeBatchRequest & Q) => Promise<readonly R[]>;
  readonly onRun?: (run: RecordedRun<Q, R>) => void;
}

/**
 * Runs both modes of every target and seed, seed by seed (a comparison cut short still has as
 * many seeds of each target), the two modes of a seed back to back in modeOrder. With runBatch,
 * one call per seed and mode covers every target. `extra` goes into every request as it is.
 */
export async function runSeedBySeed<Q extends object, R extends object>(
  plan: { readonly targets: readonly string[]; readonly seeds: readonly number[] },
  extra: Q,
  deps: ScheduleDeps<Q, R>,
): Promise<RecordedRun<Q, R>[]> {
  const runs: RecordedRun<Q, R>[] = [];
  // Field order as the JSON of a comparison has always had it: target, seed, mode, extra, name, results.
  const done = (target: string, seed: number, mode: GuidanceMode, result: R): void => {
    const run = { target, seed, mode, ...extra, name: targetName(target), ...result } as RecordedRun<Q, R>;
    runs.push(run);
    deps.onRun?.(run);
  };
  for (const seed of plan.seeds) {
    if (deps.runBatch) {
      for (const mode of modeOrder(seed)) {
        const results = await deps.runBatch({ targets: plan.targets, seed, mode, ...extra });
        plan.targets.forEach((target, i) => done(target, seed, mode, results[i]!));
      }
      continue;
    }
    for (const target of plan.targets) {
      for (const mode of modeOrder(seed)) done(target, seed, mode, await deps.run({ target, seed, mode, ...extra }));
    }
  }
  return runs;
}

function summarise(runs: readonly GuidanceRun[]): ModeSummary {
  return {
    runs: runs.length,
    timeToFinalSetMs: bootstrapMedian(runs.map((r) => r.timeToFinalSetMs)),
    finalSet: bootstrapMedian(runs.map((r) => r.finalSet)),
  };
}

/** Guided is better where it finds more, or as much sooner; finding less sooner is no win. */
export function judge(guided: ModeSummary, unguided: ModeSummary): { guidedBetter: boolean; verdict: string } {
  const g = guided.finalSet.median;
  const u = unguided.finalSet.median;
  if (g > u) return { guidedBetter: true, verdict: 'guided finds more' };
  if (g < u) return { guidedBetter: false, verdict: 'unguided finds more' };
  const tg = guided.timeToFinalSetMs.median;
  const tu = unguided.timeToFinalSetMs.median;
  if (tg < tu) return { guidedBetter: true, verdict: 'same set, guided sooner' };
  if (tg > tu) return { guidedBetter: false, verdict: 'same set, unguided sooner' };
  return { guidedBetter: false, verdict: 'tie' };
}

/**
 * Guided against unguided mining on each target: the same seeds, the same budget, the stop rule
 * out of the way (the runner must make both spend the whole budget), the two modes of a seed run
 * back to back in alternating order. Per target and mode: median time to the final set and final
 * set size with bootstrap 95% intervals, and whether guided was better.
 */
export async function compareGuidance(options: GuidanceCompareOptions, deps: GuidanceCompareDeps): Promise<GuidanceComparison> {
  if (options.targets.length === 0 || options.seeds.length === 0) throw new Error('compareGuidance needs at least one target and one seed');
  const { budgetMs } = options;
  const runs = await runSeedBySeed(options, { budgetMs }, deps);
  const targets = options.targets.map((target): TargetComparison => {
    const guided = summarise(runs.filter((r) => r.target === target && r.mode === 'guided'));
    const unguided = summarise(runs.filter((r) => r.target === target && r.mode === 'unguided'));
    return { target, name: targetName(target), guided, unguided, ...judge(guided, unguided) };
  });
  const guidedWins = targets.filter((t) => t.guidedBetter).length;
  return { budgetMs: options.budgetMs, seeds: options.seeds, runs, targets, guidedWins, guidedPays: guidedWins * 2 > targets.length };
}

/** The fields of report.json a comparison reads. */
interface ReportFields {
  readonly syscalls: ReadonlyArray<{ readonly foundBy: { readonly phase: string } }>;
  readonly timeToFinalSetMs: number;
  readonly unitsRun: number;
  readonly miningMs: number;
}

/** A run's measures from its report.json text. */
export function measureReport(json: string): GuidanceRunResult {
  const r = JSON.parse(json) as ReportFields;
  return {
    finalSet: r.syscalls.length,
    byUnits: r.syscalls.filter((s) => s.foundBy.phase === 'unit').length,
    timeToFinalSetMs: r.timeToFinalSetMs,
    unitsRun: r.unitsRun,
    miningMs: r.miningMs,
  };
}

/** `sandfuzz run`, its targets (several: one after the other, each in out/<name>), seed and output folder. */
export function runHead(request: ModeRequest | ModeBatchRequest, out: string): string[] {
  const targets = 'targets' in request ? request.targets : [request.target];
  return [
    'run',
    ...targets.flatMap((t) => ['--target', t]),
    ...(targets.length > 1 ? ['--jobs', '1'] : []),
    '--seed',
    String(request.seed),
    '--out',
    out,
  ];
}

/** Spelled out both ways: a comparison does not depend on which mode is the default. */
export function modeFlag(mode: GuidanceMode): string {
  return mode === 'unguided' ? '--no-guidance' : '--guidance';
}

/** The `sandfuzz run` arguments of one comparison run (several targets: one after the other, each in out/<name>). */
export function runArguments(request: GuidanceRunRequest | GuidanceBatchRequest, out: string): string[] {
  return [
    ...runHead(request, out),
    '--max-time',
    `${request.budgetMs}ms`,
    // The stop rule never fires before the budget ends: both modes spend all of it, and the
    // comparison is of what they found when, not of when the estimators happened to be satisfied.
    '--min-units',
    '1000000',
    // Neither the proof nor held-out units are part of exploring: both would only add time.
    '--no-enforce',
    '--holdout',
    '0',
    modeFlag(request.mode),
  ];
}
