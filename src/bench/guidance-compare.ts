import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { bootstrapMedianInterval, median } from './stats.js';

export type GuidanceMode = 'guided' | 'unguided';

/** One mining run of the comparison: a target (built-in name or target file), a seed, a mode, a budget. */
export interface GuidanceRunRequest {
  readonly target: string;
  readonly seed: number;
  readonly mode: GuidanceMode;
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
export interface GuidanceBatchRequest {
  readonly targets: readonly string[];
  readonly seed: number;
  readonly mode: GuidanceMode;
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
  const runs: GuidanceRun[] = [];
  // Seed by seed over the targets: a comparison cut short still has as many seeds of each target.
  const { budgetMs } = options;
  const done = (run: GuidanceRun): void => {
    runs.push(run);
    deps.onRun?.(run);
  };
  for (const seed of options.seeds) {
    if (deps.runBatch) {
      for (const mode of modeOrder(seed)) {
        const results = await deps.runBatch({ targets: options.targets, seed, mode, budgetMs });
        options.targets.forEach((target, i) => done({ target, seed, mode, budgetMs, name: targetName(target), ...results[i]! }));
      }
      continue;
    }
    for (const target of options.targets) {
      for (const mode of modeOrder(seed)) {
        const request = { target, seed, mode, budgetMs };
        done({ ...request, name: targetName(target), ...(await deps.run(request)) });
      }
    }
  }
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

/** The `sandfuzz run` arguments of one comparison run (several targets: one after the other, each in out/<name>). */
export function runArguments(request: GuidanceRunRequest | GuidanceBatchRequest, out: string): string[] {
  const targets = 'targets' in request ? request.targets : [request.target];
  return [
    'run',
    ...targets.flatMap((t) => ['--target', t]),
    ...(targets.length > 1 ? ['--jobs', '1'] : []),
    '--seed',
    String(request.seed),
    '--out',
    out,
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
    // Spelled out both ways: the comparison does not depend on which mode is the default.
    request.mode === 'unguided' ? '--no-guidance' : '--guidance',
  ];
}

export interface CliRunOptions {
  /** dist/src/cli/main.js of the build to measure. */
  readonly cli: string;
  /** Held (flock(1)) for the length of each run, so measurements of others never overlap one. */
  readonly lockFile?: string;
  /** Runs a command to its end; resolves with its exit code (node:child_process when absent). */
  readonly exec?: (command: string, args: readonly string[]) => Promise<number>;
}

function spawnToEnd(command: string, args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => void (err = (err + d.toString()).slice(-2000)));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(0) : reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${err.trim()}`))));
  });
}

async function underLock(options: CliRunOptions, args: readonly string[]): Promise<void> {
  const exec = options.exec ?? spawnToEnd;
  if (options.lockFile) await exec('flock', [options.lockFile, process.execPath, options.cli, ...args]);
  else await exec(process.execPath, [options.cli, ...args]);
}

/**
 * A runner for compareGuidance: each run is its own `sandfuzz run` process (under flock when a
 * lock file is given: Node has no file lock of its own), so no state carries from one run to the
 * next, and its report.json is read back. The output folder is removed afterwards.
 */
export function cliMiningRun(options: CliRunOptions): (request: GuidanceRunRequest) => Promise<GuidanceRunResult> {
  return async (request) => {
    const out = await mkdtemp(join(tmpdir(), 'sandfuzz-compare-'));
    try {
      await underLock(options, runArguments(request, join(out, 'run')));
      return measureReport(await readFile(join(out, 'run', 'report.json'), 'utf8'));
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  };
}

/**
 * A batch runner for compareGuidance: one `sandfuzz run --target A --target B ... --jobs 1`
 * process per seed and mode, the targets mined one after the other with one tracer (a run with
 * several targets writes each into out/<name>; `folder` gives that name of a target).
 */
export function cliMiningBatch(
  options: CliRunOptions & { readonly folder: (target: string) => string },
): (request: GuidanceBatchRequest) => Promise<GuidanceRunResult[]> {
  return async (request) => {
    const out = await mkdtemp(join(tmpdir(), 'sandfuzz-compare-'));
    try {
      await underLock(options, runArguments(request, out));
      return await Promise.all(request.targets.map(async (t) => measureReport(await readFile(join(out, options.folder(t), 'report.json'), 'utf8'))));
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  };
}
