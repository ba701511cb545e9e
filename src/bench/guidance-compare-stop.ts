import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  bootstrapMedian,
  type GuidanceMode,
  type MedianInterval,
  type ModeBatchRequest,
  type ModeRequest,
  modeFlag,
  type RecordedRun,
  runHead,
  runSeedBySeed,
  targetName,
} from './guidance-compare.js';
import { batchReportPath, type CliRunOptions, inScratchFolder, RunFailedError, underLock } from './guidance-cli.js';

/** Exit code of `sandfuzz run` when the proof failed (EnforcementError): report.json is still written. */
const PROOF_FAILED_EXIT = 3;

/** Extra fields of a stop-mode request: a budget, or none (each target's own). */
export interface StopRunExtra {
  readonly budgetMs?: number;
}

export type StopRunRequest = ModeRequest & StopRunExtra;
export type StopBatchRequest = ModeBatchRequest & StopRunExtra;

/** Held-out units of one run, replayed in its proof against the mined profile. */
export interface HeldOutResult {
  readonly replayed: number;
  /** Units that made a syscall (or argument value) the mined profile does not allow: it stopped too early. */
  readonly blocked: number;
  /** Units the profile broke in any way: blocked, or a different answer under it. */
  readonly failures: number;
}

/** What one stop-mode run did, from its report.json. */
export interface StopRunResult {
  /** Ended by the stop rule (true) or by the budget. */
  readonly saturated: boolean;
  readonly stopReason: string;
  /** Time to stop: the time to saturation when saturated, the budget otherwise. */
  readonly miningMs: number;
  /** Syscalls mining saw (start-up, units, lifecycle, stop), before any held-out additions. */
  readonly finalSet: number;
  readonly unitsRun: number;
  readonly timeToFinalSetMs: number;
  readonly proof: 'passed' | 'failed' | 'not run';
  /** Null when the proof did not get as far as the held-out units. */
  readonly heldOut: HeldOutResult | null;
}

export type StopRun = RecordedRun<StopRunExtra, StopRunResult>;

/** Held-out results of a target and mode, summed over its runs. */
export interface HeldOutTotals extends HeldOutResult {
  /** Runs without held-out results (their proof did not finish). */
  readonly missing: number;
}

export interface StopModeSummary {
  readonly runs: number;
  readonly saturated: number;
  /** Median time to stop. A run the budget ended counts at its budget: a lower bound of its time to saturation. */
  readonly miningMs: MedianInterval;
  readonly finalSet: MedianInterval;
  readonly heldOut: HeldOutTotals;
  readonly proofFailures: number;
}

export interface StopTargetComparison {
  readonly target: string;
  readonly name: string;
  readonly guided: StopModeSummary;
  readonly unguided: StopModeSummary;
  /** Saturated at least as often, as large a median set, and a lower median time to stop. */
  readonly guidedBetter: boolean;
  readonly verdict: string;
}

export interface GuidanceStopComparison {
  /** Tells this result from a stop-rule-off comparison (compareGuidance) in a JSON file. */
  readonly stopRule: true;
  /** The budget of every run; absent: each target's own. */
  readonly budgetMs?: number;
  readonly seeds: readonly number[];
  readonly runs: readonly StopRun[];
  readonly targets: readonly StopTargetComparison[];
  readonly guidedWins: number;
  /** Guided better on a majority of targets. */
  readonly guidedPays: boolean;
}

export interface GuidanceStopOptions {
  readonly targets: readonly string[];
  readonly seeds: readonly number[];
  /** Absent: no --max-time, each target's own budget (what a user's run gets). */
  readonly budgetMs?: number;
}

export interface GuidanceStopDeps {
  /** One run with the stop rule on, measured (see cliStopRun). */
  readonly run: (request: StopRunRequest) => Promise<StopRunResult>;
  /** When given, used instead of `run`: every target of a seed and mode in one invocation (see cliStopBatch). */
  readonly runBatch?: (request: StopBatchRequest) => Promise<readonly StopRunResult[]>;
  readonly onRun?: (run: StopRun) => void;
}

function sum(runs: readonly StopRun[], pick: (h: HeldOutResult) => number): number {
  return runs.reduce((a, r) => a + (r.heldOut ? pick(r.heldOut) : 0), 0);
}

/** Per target and mode: how often the stop rule ended the run, when, with how large a set. Pure. */
export function summariseStop(runs: readonly StopRun[]): StopModeSummary {
  return {
    runs: runs.length,
    saturated: runs.filter((r) => r.saturated).length,
    miningMs: bootstrapMedian(runs.map((r) => r.miningMs)),
    finalSet: bootstrapMedian(runs.map((r) => r.finalSet)),
    heldOut: {
      replayed: sum(runs, (h) => h.replayed),
      blocked: sum(runs, (h) => h.blocked),
      failures: sum(runs, (h) => h.failures),
      missing: runs.filter((r) => r.heldOut === null).length,
    },
    proofFailures: runs.filter((r) => r.proof === 'failed').length,
  };
}

const seconds = (ms: number): string => (ms / 1000).toFixed(1);

/**
 * Guided is better only if it saturates at least as often, stops with at least as large a median
 * set and stops sooner (median). Sooner alone is no win: stopping before a rare syscall turns up
 * is the stop rule's failure, not a saving. The verdict names the first test guided failed.
 */
export function judgeStop(guided: StopModeSummary, unguided: StopModeSummary): { guidedBetter: boolean; verdict: string } {
  if (guided.saturated < unguided.saturated)
    return { guidedBetter: false, verdict: `guided saturates less often (${guided.saturated} against ${unguided.saturated})` };
  const [g, u] = [guided.finalSet.median, unguided.finalSet.median];
  if (g < u) return { guidedBetter: false, verdict: `guided stops with fewer (${g} against ${u})` };
  const [tg, tu] = [guided.miningMs.median, unguided.miningMs.median];
  if (tg >= tu) return { guidedBetter: false, verdict: `guided not sooner (${seconds(tg)} against ${seconds(tu)} s)` };
  return { guidedBetter: true, verdict: 'guided saturates as often, with as many, sooner' };
}

/**
 * Guided against unguided mining with the stop rule on, as a user runs it: which mode stops
 * sooner without stopping too early? (compareGuidance, with the rule off, asks what each finds
 * when.) Same seeds and schedule as there: seed by seed, the modes of a seed back to back in
 * alternating order. Judged per target by judgeStop; guidance pays on a majority of targets.
 */
export async function compareGuidanceStop(options: GuidanceStopOptions, deps: GuidanceStopDeps): Promise<GuidanceStopComparison> {
  if (options.targets.length === 0 || options.seeds.length === 0) throw new Error('compareGuidanceStop needs at least one target and one seed');
  const extra: StopRunExtra = options.budgetMs === undefined ? {} : { budgetMs: options.budgetMs };
  const runs = await runSeedBySeed(options, extra, deps);
  const of = (target: string, mode: GuidanceMode): StopModeSummary => summariseStop(runs.filter((r) => r.target === target && r.mode === mode));
  const targets = options.targets.map((target): StopTargetComparison => {
    const guided = of(target, 'guided');
    const unguided = of(target, 'unguided');
    return { target, name: targetName(target), guided, unguided, ...judgeStop(guided, unguided) };
  });
  const guidedWins = targets.filter((t) => t.guidedBetter).length;
  return { stopRule: true, ...extra, seeds: options.seeds, runs, targets, guidedWins, guidedPays: guidedWins * 2 > targets.length };
}

/** The fields of report.json a stop-mode comparison reads (src/report/run-report.ts, holdout.ts). */
interface StopReportFields {
  readonly syscalls: readonly unknown[];
  readonly stopReason: string;
  readonly stop: { readonly saturated: boolean };
  readonly miningMs: number;
  readonly timeToFinalSetMs: number;
  readonly unitsRun: number;
  readonly enforcement: { readonly skipped: true } | { readonly ok: boolean };
  readonly holdout: {
    readonly replayed: number;
    readonly failures: number;
    readonly failing: ReadonlyArray<{ readonly blocks: readonly string[] }>;
  } | null;
}

/** A stop-mode run's measures from its report.json text (a partial one too: a failed proof). */
export function measureStopReport(json: string): StopRunResult {
  const r = JSON.parse(json) as StopReportFields;
  const h = r.holdout;
  return {
    saturated: r.stop.saturated,
    stopReason: r.stopReason,
    miningMs: r.miningMs,
    finalSet: r.syscalls.length,
    unitsRun: r.unitsRun,
    timeToFinalSetMs: r.timeToFinalSetMs,
    proof: 'skipped' in r.enforcement ? 'not run' : r.enforcement.ok ? 'passed' : 'failed',
    heldOut: h === null ? null : { replayed: h.replayed, blocked: h.failing.filter((f) => f.blocks.length > 0).length, failures: h.failures },
  };
}

/** The `sandfuzz run` arguments of one stop-mode run (several targets: one after the other, each in out/<name>). */
export function stopRunArguments(request: StopRunRequest | StopBatchRequest, out: string): string[] {
  return [
    ...runHead(request, out),
    // No --max-time unless asked: the cost a user sees is that of a run with the target's budget.
    ...(request.budgetMs === undefined ? [] : ['--max-time', `${request.budgetMs}ms`]),
    // Nothing else overridden: the default stop rule, and the proof with its held-out units (the
    // default --holdout), which are what tells a stop rule that stopped too early.
    modeFlag(request.mode),
  ];
}

/**
 * Runs the CLI to its end, accepting a failed proof: a profile too small for its kept units is a
 * result of this comparison, not the end of it (its report.json holds the check). Anything else
 * (a tracer failure, an interrupt) ends the comparison as in compareGuidance.
 */
async function runAcceptingFailedProof(options: CliRunOptions, args: readonly string[]): Promise<RunFailedError | undefined> {
  try {
    await underLock(options, args);
    return undefined;
  } catch (err) {
    if (err instanceof RunFailedError && err.exitCode === PROOF_FAILED_EXIT) return err;
    throw err;
  }
}

/** Reads a report; when the run failed and left none, its failure is the better error. */
async function readReport(path: string, failure: RunFailedError | undefined): Promise<StopRunResult> {
  try {
    return measureStopReport(await readFile(path, 'utf8'));
  } catch (err) {
    throw failure ?? err;
  }
}

/** A runner for compareGuidanceStop: one `sandfuzz run` process per run (see cliMiningRun). */
export function cliStopRun(options: CliRunOptions): (request: StopRunRequest) => Promise<StopRunResult> {
  return (request) =>
    inScratchFolder(async (out) => {
      const failure = await runAcceptingFailedProof(options, stopRunArguments(request, join(out, 'run')));
      return readReport(join(out, 'run', 'report.json'), failure);
    });
}

/** A batch runner for compareGuidanceStop: one process per seed and mode over every target (see cliMiningBatch). */
export function cliStopBatch(
  options: CliRunOptions & { readonly folder: (target: string) => string },
): (request: StopBatchRequest) => Promise<StopRunResult[]> {
  return (request) =>
    inScratchFolder(async (out) => {
      const failure = await runAcceptingFailedProof(options, stopRunArguments(request, out));
      return Promise.all(request.targets.map((t) => readReport(batchReportPath(out, request.targets, options.folder, t), failure)));
    });
}
