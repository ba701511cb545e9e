import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { getTarget } from '../../targets/index.js';
import { DEFAULT_MINING_BUDGET_SEC } from '../../targets/resolve.js';
import { cliMiningRun } from '../bench/guidance-cli.js';
import type { SuiteDeps } from '../bench/suite.js';
import { resolveRunOptions, type RunOptions } from '../config/run-options.js';
import { CleanupStack } from '../engine/cleanup.js';
import { benchCommand } from './bench.js';
import type { RunDeps } from './run.js';
import { runMany } from './run-many.js';

/** What the suite needs of the real world: a run's dependencies without the per-run ones. */
export type SuiteWorld = Omit<RunDeps, 'cleanup' | 'log' | 'onProgress' | 'workload' | 'renderHtml'>;

/** Options every bench run shares: a mining budget for quick runs, the proof as the section asks. */
export interface SuiteRunSettings {
  /** Mining budget of every run (`--max-time`); the target's own budget when absent. */
  readonly maxTime?: string;
  /** `dist/src/cli/main.js` of this build: each guidance run is a process of its own. */
  readonly cli: string;
}

/**
 * The suite's dependencies as `sandfuzz run`, `run --jobs` and `sandfuzz bench` have them: the same
 * functions the CLI calls, so the bench measures what users run. Each run gets a cleanup stack of
 * its own, emptied when it ends, so nothing of one run outlives it into the next measurement.
 */
export function suiteDeps(world: SuiteWorld, settings: SuiteRunSettings, log: (line: string) => void): SuiteDeps {
  const options = (target: string, seed: number, out: string, enforce: boolean) => {
    const definition = getTarget(target);
    const flags: RunOptions = { target: definition.name, seed, out, enforce, ...(settings.maxTime ? { maxTime: settings.maxTime } : {}) };
    return { definition, options: resolveRunOptions(flags, { defaultMaxTimeSec: definition.miningBudgetSec ?? DEFAULT_MINING_BUDGET_SEC }) };
  };
  const withCleanup = async <T>(body: (cleanup: CleanupStack) => Promise<T>): Promise<T> => {
    const cleanup = new CleanupStack();
    try {
      return await body(cleanup);
    } finally {
      await cleanup.runAll();
    }
  };
  return {
    // `sandfuzz run --target T --seed S --no-enforce`: through runMany, as the CLI runs a lone target.
    mineOne: (target, seed, out) =>
      withCleanup(async (cleanup) => {
        const [run] = await runMany([options(target, seed, out, false)], 1, { ...world, cleanup, log: () => {} });
        if (!run!.ok) throw run!.error;
        return run!.outcome;
      }),
    runAll: (targets, jobs, seed, out, enforce) =>
      withCleanup((cleanup) => {
        // `run --target A --target B ... --jobs N --out OUT`: each target into OUT/<name>, as the CLI lays them out.
        const items = targets.map((t) => options(t, seed, `${out}/${getTarget(t).name}`, enforce));
        return runMany(items, jobs, { ...world, cleanup, log: () => {} });
      }),
    throughput: (target, profiles, load) => benchCommand({ target, profilePaths: profiles, options: load }, { ...world, log }),
    guidanceRun: cliMiningRun({ cli: settings.cli }),
    readFile: (path) => readFile(path, 'utf8'),
    nowMs: () => performance.now(),
    now: () => new Date(),
    log,
  };
}
