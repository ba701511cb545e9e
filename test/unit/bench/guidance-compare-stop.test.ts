import { mkdir, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  cliStopBatch,
  cliStopRun,
  compareGuidanceStop,
  judgeStop,
  measureStopReport,
  stopRunArguments,
  summariseStop,
  type StopRun,
  type StopRunRequest,
  type StopRunResult,
} from '../../../src/bench/guidance-compare-stop.js';
import { RunFailedError } from '../../../src/bench/guidance-cli.js';
import type { UnitRecord } from '../../../src/engine/session.js';
import type { EnforcementResult } from '../../../src/proof/replay-check.js';
import { summariseHoldout } from '../../../src/report/holdout.js';
import type { RunReport } from '../../../src/report/run-report.js';

type ReportPart = Pick<RunReport, 'syscalls' | 'stopReason' | 'miningMs' | 'timeToFinalSetMs' | 'unitsRun' | 'enforcement' | 'holdout'> & {
  stop: Pick<RunReport['stop'], 'reason' | 'saturated'>;
};

const check = (over: Partial<EnforcementResult>): EnforcementResult => ({
  ok: true,
  replayed: 0,
  wouldBlock: [],
  mismatches: [],
  unhealthy: [],
  exitCode: 0,
  problems: [],
  ...over,
});

/** A report.json as run-report.ts writes it, cut to what the comparison reads (the holdout part made by holdout.ts itself). */
function report(over: Partial<ReportPart> = {}): string {
  const units = [10, 11, 12, 13].map((index) => ({ index, description: `GET /${index}` }) as UnitRecord);
  const enforcement = check({
    wouldBlock: [
      { syscall: 'x86_64:getrusage', madeBy: 'unit 10 (GET /10)', unit: 10 },
      { syscall: 'x86_64:socket', argument: 'socket(AF_NETLINK, SOCK_RAW, 0)', madeBy: 'unit 11 (GET /11)', unit: 11 },
      { syscall: 'x86_64:getrusage', madeBy: 'unit 5 (GET /5)', unit: 5 }, // a kept unit: not held out
    ],
    mismatches: [
      { index: 11, description: 'GET /11', expected: '2xx', actual: '5xx' },
      { index: 12, description: 'GET /12', expected: '2xx', actual: '5xx' },
    ],
  });
  const syscall = { name: 'read', abi: 'x86_64' as const, nr: 0, firstSeenMs: 1, foundBy: { phase: 'startup' as const } };
  const part: ReportPart = {
    syscalls: [syscall, syscall, syscall],
    stopReason: 'saturated',
    stop: { reason: 'saturated', saturated: true },
    miningMs: 35_000,
    timeToFinalSetMs: 20_000,
    unitsRun: 600,
    enforcement: { ...enforcement, ok: true },
    holdout: summariseHoldout(0.2, 40, units, enforcement),
    ...over,
  };
  return JSON.stringify(part);
}

describe('measureStopReport', () => {
  it('reads how the run stopped, its set, its proof, and the held-out units the profile would block', () => {
    expect(measureStopReport(report())).toEqual({
      saturated: true,
      stopReason: 'saturated',
      miningMs: 35_000,
      finalSet: 3,
      unitsRun: 600,
      timeToFinalSetMs: 20_000,
      proof: 'passed',
      // 10: blocked; 11: blocked (an argument) and differs; 12: differs only; 13: fine.
      heldOut: { replayed: 4, blocked: 2, failures: 3 },
    });
  });

  it('tells a run the budget ended, a failed proof, and a run without held-out results', () => {
    const budget = measureStopReport(report({ stopReason: 'budget', stop: { reason: 'budget', saturated: false } }));
    expect([budget.saturated, budget.stopReason]).toEqual([false, 'budget']);
    expect(measureStopReport(report({ enforcement: check({ ok: false, problems: ['x'] }) })).proof).toBe('failed');
    const unproven = measureStopReport(report({ enforcement: { skipped: true, reason: 'the enforcement proof had not finished' }, holdout: null }));
    expect([unproven.proof, unproven.heldOut]).toEqual(['not run', null]);
  });
});

const result = (over: Partial<StopRunResult> = {}): StopRunResult => ({
  saturated: true,
  stopReason: 'saturated',
  miningMs: 30_000,
  finalSet: 80,
  unitsRun: 500,
  timeToFinalSetMs: 10_000,
  proof: 'passed',
  heldOut: { replayed: 50, blocked: 0, failures: 0 },
  ...over,
});

const run = (over: Partial<StopRunResult>): StopRun => ({ target: 'redis', seed: 1, mode: 'guided', name: 'redis', ...result(over) });

describe('summariseStop and judgeStop', () => {
  it('counts saturated runs, takes medians of time to stop (budget runs at their budget), sums held-out results', () => {
    const s = summariseStop([
      run({ miningMs: 35_000 }),
      run({ miningMs: 82_000, heldOut: { replayed: 40, blocked: 1, failures: 2 } }),
      run({ saturated: false, stopReason: 'budget', miningMs: 110_000, heldOut: null, proof: 'failed' }),
    ]);
    expect([s.runs, s.saturated, s.miningMs.median, s.finalSet.median, s.proofFailures]).toEqual([3, 2, 82_000, 80, 1]);
    expect(s.heldOut).toEqual({ replayed: 90, blocked: 1, failures: 2, missing: 1 });
  });

  // [guided: saturated, final set, ms] against [unguided: ...]
  const cases: Array<[string, [number, number, number], [number, number, number], boolean, string]> = [
    ['all three', [5, 83, 35_000], [5, 83, 82_000], true, 'guided saturates as often, with as many, sooner'],
    ['more often and more, sooner', [5, 84, 35_000], [4, 83, 82_000], true, 'guided saturates as often, with as many, sooner'],
    ['less often', [4, 83, 35_000], [5, 83, 82_000], false, 'guided saturates less often (4 against 5)'],
    ['sooner but fewer', [5, 82, 35_000], [5, 83, 82_000], false, 'guided stops with fewer (82 against 83)'],
    ['as soon only', [5, 83, 40_000], [5, 83, 40_000], false, 'guided not sooner (40.0 against 40.0 s)'],
  ];
  it.each(cases)('%s', (_, g, u, better, verdict) => {
    const summary = ([saturated, finalSet, ms]: [number, number, number]) =>
      summariseStop(Array.from({ length: 5 }, (__, i) => run({ saturated: i < saturated, finalSet, miningMs: ms })));
    expect(judgeStop(summary(g), summary(u))).toEqual({ guidedBetter: better, verdict });
  });
});

describe('compareGuidanceStop', () => {
  it('runs the same schedule as the stop-rule-off comparison, without a budget unless given, and judges each target', async () => {
    const calls: StopRunRequest[] = [];
    const out = await compareGuidanceStop(
      { targets: ['redis', '/x/py-api.yaml'], seeds: [1, 2, 3] },
      {
        run: async (r) => {
          calls.push(r);
          // redis: guided stops sooner with the same set; py-api: guided stops sooner with one fewer.
          const guided = r.mode === 'guided';
          return result({ miningMs: guided ? 35_000 : 82_000, finalSet: r.target === 'redis' || !guided ? 83 : 82 });
        },
      },
    );
    expect(calls.slice(0, 4).map((c) => `${c.target} ${c.seed} ${c.mode}`)).toEqual([
      'redis 1 unguided',
      'redis 1 guided',
      '/x/py-api.yaml 1 unguided',
      '/x/py-api.yaml 1 guided',
    ]);
    expect(calls.every((c) => !('budgetMs' in c))).toBe(true);
    expect(out.targets.map((t) => [t.name, t.guidedBetter])).toEqual([
      ['redis', true],
      ['py-api', false],
    ]);
    expect([out.stopRule, out.guidedWins, out.guidedPays, out.runs.length, 'budgetMs' in out]).toEqual([true, 1, false, 12, false]);
  });

  it('gives every run the budget when one is set', async () => {
    const budgets: Array<number | undefined> = [];
    const out = await compareGuidanceStop(
      { targets: ['nginx'], seeds: [1], budgetMs: 20_000 },
      {
        run: async () => {
          throw new Error('not used when batching');
        },
        runBatch: async (b) => {
          budgets.push(b.budgetMs);
          return b.targets.map(() => result());
        },
      },
    );
    expect(budgets).toEqual([20_000, 20_000]);
    expect(out.budgetMs).toBe(20_000);
  });
});

describe('the stop-mode CLI runner', () => {
  it('keeps the default stop rule, proof and holdout, and passes --max-time only when a budget is set', () => {
    expect(stopRunArguments({ target: 'redis', seed: 15, mode: 'unguided' }, '/o').join(' ')).toBe(
      'run --target redis --seed 15 --out /o --no-guidance',
    );
    expect(stopRunArguments({ targets: ['nginx', 'redis'], seed: 2, mode: 'guided', budgetMs: 20_000 }, '/o').join(' ')).toBe(
      'run --target nginx --target redis --jobs 1 --seed 2 --out /o --max-time 20000ms --guidance',
    );
  });

  const writingReport =
    (exitCode: number, write = true) =>
    async (_command: string, args: readonly string[]): Promise<number> => {
      const out = args[args.indexOf('--out') + 1]!;
      if (write) {
        await mkdir(out, { recursive: true });
        await writeFile(`${out}/report.json`, report({ enforcement: check({ ok: false, problems: ['x'] }) }));
      }
      return exitCode;
    };

  it('measures a run whose proof failed (exit 3) from the report it left', async () => {
    const run = cliStopRun({ cli: '/dist/main.js', exec: writingReport(3) });
    expect((await run({ target: 'redis', seed: 1, mode: 'guided' })).proof).toBe('failed');
  });

  it('fails on any other exit code, and on a failed proof that left no report', async () => {
    await expect(cliStopRun({ cli: '/dist/main.js', exec: writingReport(130) })({ target: 'redis', seed: 1, mode: 'guided' })).rejects.toThrow(
      'exited 130',
    );
    const noReport = cliStopRun({ cli: '/dist/main.js', exec: writingReport(3, false) })({ target: 'redis', seed: 1, mode: 'guided' });
    await expect(noReport).rejects.toBeInstanceOf(RunFailedError);
  });

  it('reads every target of a batch from its folder', async () => {
    const run = cliStopBatch({
      cli: '/dist/main.js',
      folder: (t) => (t.endsWith('.yaml') ? 'py-api' : t),
      exec: async (_command, args) => {
        const out = args[args.indexOf('--out') + 1]!;
        for (const [name, ms] of [
          ['redis', 82_000],
          ['py-api', 9_000],
        ] as const) {
          await mkdir(`${out}/${name}`, { recursive: true });
          await writeFile(`${out}/${name}/report.json`, report({ miningMs: ms }));
        }
        return 0;
      },
    });
    const results = await run({ targets: ['redis', '/f/py-api.yaml'], seed: 4, mode: 'guided' });
    expect(results.map((r) => r.miningMs)).toEqual([82_000, 9_000]);
  });

  it('reads a batch of one target from the output folder itself', async () => {
    const run = cliStopBatch({ cli: '/dist/main.js', folder: (t) => t, exec: writingReport(0) });
    expect((await run({ targets: ['nginx'], seed: 1, mode: 'unguided' })).map((r) => r.miningMs)).toEqual([35_000]);
  });
});
