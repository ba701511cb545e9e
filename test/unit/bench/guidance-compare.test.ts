import { mkdir, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  bootstrapMedian,
  compareGuidance,
  measureReport,
  runArguments,
  type GuidanceRunRequest,
  type GuidanceRunResult,
} from '../../../src/bench/guidance-compare.js';
import { cliMiningBatch, cliMiningRun } from '../../../src/bench/guidance-cli.js';

const result = (finalSet: number, timeToFinalSetMs: number): GuidanceRunResult => ({
  finalSet,
  byUnits: 10,
  timeToFinalSetMs,
  unitsRun: 100,
  miningMs: 30_000,
});

describe('compareGuidance', () => {
  it('runs both modes of each seed back to back, alternating which goes first, seed by seed, all on one budget', async () => {
    const calls: GuidanceRunRequest[] = [];
    await compareGuidance(
      { targets: ['redis', '/x/py-api.yaml'], seeds: [1, 2], budgetMs: 30_000 },
      {
        run: async (r) => {
          calls.push(r);
          return result(70, 1000);
        },
      },
    );
    expect(calls.map((c) => `${c.target} ${c.seed} ${c.mode}`)).toEqual([
      'redis 1 unguided',
      'redis 1 guided',
      '/x/py-api.yaml 1 unguided',
      '/x/py-api.yaml 1 guided',
      'redis 2 guided',
      'redis 2 unguided',
      '/x/py-api.yaml 2 guided',
      '/x/py-api.yaml 2 unguided',
    ]);
    expect(new Set(calls.map((c) => c.budgetMs))).toEqual(new Set([30_000]));
  });

  it('judges each target on medians: more found wins; as much, sooner wins; less found sooner does not', async () => {
    // per target: [guided finalSet, guided time, unguided finalSet, unguided time]
    const plan: Record<string, [number, number, number, number]> = {
      more: [72, 20_000, 70, 5_000],
      sooner: [70, 4_000, 70, 9_000],
      fewer: [69, 1_000, 70, 9_000],
    };
    const out = await compareGuidance(
      { targets: Object.keys(plan), seeds: [1, 2, 3, 4, 5], budgetMs: 10_000 },
      {
        run: async ({ target, seed, mode }) => {
          const [gs, gt, us, ut] = plan[target]!;
          // Seed 5 is an outlier in both modes: medians are not moved by it.
          const jitter = seed === 5 ? 5 : 0;
          return mode === 'guided' ? result(gs + jitter, gt + seed) : result(us - jitter, ut + seed);
        },
      },
    );
    expect(out.targets.map((t) => [t.name, t.guidedBetter, t.verdict])).toEqual([
      ['more', true, 'guided finds more'],
      ['sooner', true, 'same set, guided sooner'],
      ['fewer', false, 'unguided finds more'],
    ]);
    expect(out.targets[0]!.guided.finalSet.median).toBe(72);
    expect(out.targets[1]!.guided.timeToFinalSetMs.median).toBe(4_003);
    expect(out.guidedWins).toBe(2);
    expect(out.guidedPays).toBe(true);
    expect(out.runs).toHaveLength(30);
    expect(out.targets[0]!.name).toBe('more');
  });

  it('names a target file by its base name', async () => {
    const out = await compareGuidance({ targets: ['/a/b/py-api.yaml'], seeds: [1], budgetMs: 1 }, { run: async () => result(1, 1) });
    expect(out.targets[0]!.name).toBe('py-api');
    expect(out.guidedPays).toBe(false); // a tie is no win
  });
});

describe('bootstrapMedian', () => {
  it('brackets the median, replays for a seed, and is a point for constant data', () => {
    const values = [10, 12, 9, 30, 11, 10, 13];
    const a = bootstrapMedian(values);
    expect(a.median).toBe(11);
    expect(a.low).toBeLessThanOrEqual(11);
    expect(a.high).toBeGreaterThanOrEqual(11);
    expect(a.high).toBeLessThan(30);
    expect(bootstrapMedian(values)).toEqual(a);
    expect(bootstrapMedian([4, 4, 4])).toEqual({ median: 4, low: 4, high: 4 });
  });
});

describe('the CLI runner', () => {
  it('gives both modes the same budget with the stop rule, proof and holdout out of the way', () => {
    const g = runArguments({ target: 'nginx', seed: 3, mode: 'guided', budgetMs: 30_000 }, '/o');
    const u = runArguments({ target: 'nginx', seed: 3, mode: 'unguided', budgetMs: 30_000 }, '/o');
    expect(u).toEqual([...g.slice(0, -1), '--no-guidance']);
    expect(g.join(' ')).toBe('run --target nginx --seed 3 --out /o --max-time 30000ms --min-units 1000000 --no-enforce --holdout 0 --guidance');
  });

  it('runs each under the lock when given one, and measures its report', async () => {
    const seen: string[][] = [];
    const run = cliMiningRun({
      cli: '/dist/main.js',
      lockFile: '/tmp/l.lock',
      exec: async (command, args) => {
        seen.push([command, ...args]);
        const out = args[args.indexOf('--out') + 1]!;
        await mkdir(out, { recursive: true });
        const syscalls = [{ foundBy: { phase: 'startup' } }, { foundBy: { phase: 'unit' } }, { foundBy: { phase: 'unit' } }];
        await writeFile(`${out}/report.json`, JSON.stringify({ syscalls, timeToFinalSetMs: 4200, unitsRun: 80, miningMs: 30_000 }));
        return 0;
      },
    });
    expect(await run({ target: 'redis', seed: 1, mode: 'unguided', budgetMs: 30_000 })).toEqual({
      finalSet: 3,
      byUnits: 2,
      timeToFinalSetMs: 4200,
      unitsRun: 80,
      miningMs: 30_000,
    });
    expect(seen[0]!.slice(0, 4)).toEqual(['flock', '/tmp/l.lock', process.execPath, '/dist/main.js']);
  });

  it('fails the comparison when a run exits non-zero', async () => {
    const run = cliMiningRun({ cli: '/dist/main.js', exec: async () => 72 });
    await expect(run({ target: 'redis', seed: 1, mode: 'guided', budgetMs: 1 })).rejects.toThrow('exited 72');
  });

  it('reads what it needs of report.json', () => {
    expect(measureReport(JSON.stringify({ syscalls: [], timeToFinalSetMs: 0, unitsRun: 0, miningMs: 1 })).finalSet).toBe(0);
  });
});

describe('batches', () => {
  it('runs every target of a seed and mode in one invocation, in alternating mode order', async () => {
    const batches: string[] = [];
    const out = await compareGuidance(
      { targets: ['nginx', 'redis'], seeds: [1, 2], budgetMs: 5_000 },
      {
        run: async () => {
          throw new Error('not used when batching');
        },
        runBatch: async (b) => {
          batches.push(`${b.targets.join('+')} ${b.seed} ${b.mode} ${b.budgetMs}`);
          return b.targets.map((t) => result(t === 'nginx' ? 60 : 70, b.seed));
        },
      },
    );
    expect(batches).toEqual(['nginx+redis 1 unguided 5000', 'nginx+redis 1 guided 5000', 'nginx+redis 2 guided 5000', 'nginx+redis 2 unguided 5000']);
    expect(out.runs.map((r) => `${r.target} ${r.seed} ${r.mode} ${r.finalSet}`).slice(0, 2)).toEqual(['nginx 1 unguided 60', 'redis 1 unguided 70']);
    // COMPARE_JSON's field order, kept since the first table.
    expect(Object.keys(out.runs[0]!)).toEqual([
      'target',
      'seed',
      'mode',
      'budgetMs',
      'name',
      'finalSet',
      'byUnits',
      'timeToFinalSetMs',
      'unitsRun',
      'miningMs',
    ]);
  });

  it('mines the targets one after the other in one sandfuzz run, each read from its folder', async () => {
    const seen: string[][] = [];
    const run = cliMiningBatch({
      cli: '/dist/main.js',
      folder: (t) => (t.endsWith('.yaml') ? 'py-api' : t),
      exec: async (_command, args) => {
        seen.push([...args]);
        const out = args[args.indexOf('--out') + 1]!;
        for (const name of ['redis', 'py-api']) {
          await mkdir(`${out}/${name}`, { recursive: true });
          await writeFile(`${out}/${name}/report.json`, JSON.stringify({ syscalls: [], timeToFinalSetMs: name.length, unitsRun: 1, miningMs: 1 }));
        }
        return 0;
      },
    });
    const results = await run({ targets: ['redis', '/f/py-api.yaml'], seed: 4, mode: 'guided', budgetMs: 9_000 });
    expect(results.map((r) => r.timeToFinalSetMs)).toEqual([5, 6]);
    expect(seen[0]!.slice(1, 7)).toEqual(['run', '--target', 'redis', '--target', '/f/py-api.yaml', '--jobs']);
  });

  it('reads a batch of one target from the output folder itself, where `sandfuzz run` writes a lone target', async () => {
    const run = cliMiningBatch({
      cli: '/dist/main.js',
      folder: (t) => t,
      exec: async (_command, args) => {
        const out = args[args.indexOf('--out') + 1]!;
        await writeFile(`${out}/report.json`, JSON.stringify({ syscalls: [], timeToFinalSetMs: 7, unitsRun: 1, miningMs: 1 }));
        return 0;
      },
    });
    expect((await run({ targets: ['nginx'], seed: 1, mode: 'guided', budgetMs: 1 })).map((r) => r.timeToFinalSetMs)).toEqual([7]);
  });
});
