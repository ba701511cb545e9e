import type { RunOutcome } from '../commands/run.js';
import { describeError } from '../shared/errors.js';
import { bootstrapMedianInterval, median } from './stats.js';

/** Issue 10's bar: mining of every built-in target and seed saturates within a minute. */
export const SATURATION_LIMIT_MS = 60_000;

/** One mining run of the saturation bench: its figures, or why it failed. */
export type SaturationRun =
  | {
      readonly seed: number;
      readonly ok: true;
      readonly stopReason: string;
      readonly miningMs: number;
      /** When the last syscall of the final set came in (mining's own clock). */
      readonly timeToFinalSetMs: number;
      readonly units: number;
      readonly allowed: number;
      /** The whole run: image check, mining, graceful stop, writing (and the proof, if on). */
      readonly wallMs: number;
      readonly profilePath: string;
    }
  | { readonly seed: number; readonly ok: false; readonly error: string; readonly wallMs: number };

export interface SaturationTarget {
  readonly target: string;
  readonly runs: readonly SaturationRun[];
  /** Runs the stop rule ended (not the budget, not a failure), of all runs. */
  readonly saturated: number;
  /** Saturated runs whose mining took at most SATURATION_LIMIT_MS. */
  readonly withinLimit: number;
  readonly total: number;
  /** Over the runs that finished (null when none did): median mining time and its bootstrap 95% interval. */
  readonly medianMiningMs: number | null;
  readonly miningCi95: readonly [number, number] | null;
  readonly medianTimeToFinalSetMs: number | null;
}

export interface SaturationResult {
  readonly seeds: readonly number[];
  readonly limitMs: number;
  readonly targets: readonly SaturationTarget[];
}

export interface SaturationDeps {
  /** One `sandfuzz run` of a target with a seed into outDir (the proof as the caller chose). */
  readonly mineOne: (target: string, seed: number, outDir: string) => Promise<RunOutcome>;
  readonly nowMs: () => number;
  readonly log: (line: string) => void;
}

/**
 * Time to saturation per target over several seeds. Seeds go round the targets (seed 1 of each
 * target, then seed 2...), so that a slow spell of the machine falls on every target, not one.
 */
export async function benchSaturation(
  opts: { readonly targets: readonly string[]; readonly seeds: readonly number[]; readonly outRoot: string },
  deps: SaturationDeps,
): Promise<SaturationResult> {
  const runs = new Map(opts.targets.map((t) => [t, [] as SaturationRun[]]));
  for (const seed of opts.seeds) {
    for (const target of opts.targets) {
      const start = deps.nowMs();
      let run: SaturationRun;
      try {
        const { report, profilePath } = await deps.mineOne(target, seed, `${opts.outRoot}/${target}-${seed}`);
        run = {
          seed,
          ok: true,
          stopReason: report.stopReason,
          miningMs: report.miningMs,
          timeToFinalSetMs: report.timeToFinalSetMs,
          units: report.unitsRun,
          allowed: report.profile.allowed,
          wallMs: deps.nowMs() - start,
          profilePath,
        };
        deps.log(`saturation: ${target} seed ${seed}: ${run.stopReason} after ${(run.miningMs / 1000).toFixed(1)}s of mining, ${run.units} units`);
      } catch (err) {
        // An interrupt ends the bench; any other failure is a figure of its own (not saturated).
        if ((err as Error).name === 'InterruptedError') throw err;
        run = { seed, ok: false, error: describeError(err), wallMs: deps.nowMs() - start };
        deps.log(`saturation: ${target} seed ${seed} failed: ${run.error}`);
      }
      runs.get(target)!.push(run);
    }
  }
  return { seeds: opts.seeds, limitMs: SATURATION_LIMIT_MS, targets: opts.targets.map((t) => summarise(t, runs.get(t)!)) };
}

/** Pure: the per-target figures from its runs. */
export function summarise(target: string, runs: readonly SaturationRun[]): SaturationTarget {
  const done = runs.filter((r) => r.ok);
  const saturated = done.filter((r) => r.stopReason === 'saturated');
  const mining = done.map((r) => r.miningMs);
  return {
    target,
    runs,
    saturated: saturated.length,
    withinLimit: saturated.filter((r) => r.miningMs <= SATURATION_LIMIT_MS).length,
    total: runs.length,
    medianMiningMs: mining.length > 0 ? median(mining) : null,
    miningCi95: mining.length > 0 ? bootstrapMedianInterval(mining) : null,
    medianTimeToFinalSetMs: done.length > 0 ? median(done.map((r) => r.timeToFinalSetMs)) : null,
  };
}
