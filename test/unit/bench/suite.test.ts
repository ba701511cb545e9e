import { describe, expect, it } from 'vitest';
import type { GuidanceRunRequest } from '../../../src/bench/guidance-compare.js';
import { runSuite, type SuiteDeps, type SuiteOptions } from '../../../src/bench/suite.js';
import { suiteText } from '../../../src/bench/suite-text.js';
import type { BenchResult } from '../../../src/commands/bench.js';
import { okRun, outcome, profileJson } from '../../fakes/run-outcome.js';

const summary = (name: string, ratio: number) => ({
  name,
  runs: [],
  medianThroughput: 1000 * ratio,
  medianP50Ms: 1,
  medianP99Ms: 2,
  ratio,
  ratioCi95: [ratio - 0.01, ratio + 0.01] as const,
});

function benchResult(target: string, profiles: readonly string[]): BenchResult {
  return {
    target,
    profile: profiles[0]!,
    options: { rounds: 1, measureSec: 2, warmupSec: 0.5, connections: 16 },
    profileRatio: 0.98,
    profiles: profiles.map((path, i) => ({ ...summary(`p${i}`, 0.98), path })),
    configs: [summary('unconfined', 1), summary('docker-default', 0.99)],
    tracerRatio: 0.96,
  };
}

/** Every dependency faked, recording what the suite asked for. */
function fakes() {
  const calls: string[] = [];
  let now = 0;
  const deps: SuiteDeps = {
    mineOne: async (target, seed, out) => {
      calls.push(`mine ${target} ${seed} ${out}`);
      now += 20_000;
      return outcome({ profilePath: `${out}/seccomp.json`, miningMs: 20_000 });
    },
    runAll: async (targets, jobs, seed, out, enforce) => {
      calls.push(`runAll ${targets.join(',')} jobs=${jobs} seed=${seed} enforce=${enforce}`);
      now += jobs === 1 ? 100_000 : 60_000;
      return targets.map((t) => okRun(t, outcome({ profilePath: `${out}/${t}/seccomp.json` })));
    },
    throughput: async (target, profiles) => {
      calls.push(`throughput ${target} ${profiles.join(' ')}`);
      return benchResult(target, profiles);
    },
    guidanceRun: async (r: GuidanceRunRequest) => {
      calls.push(`guidance ${r.target} ${r.seed} ${r.mode}`);
      return { finalSet: r.mode === 'guided' ? 80 : 78, byUnits: 10, timeToFinalSetMs: 9_000, unitsRun: 200, miningMs: r.budgetMs };
    },
    readFile: async () => profileJson(['read']),
    nowMs: () => now,
    now: () => new Date('2026-12-02T00:00:00Z'),
    log: () => {},
  };
  return { deps, calls };
}

const options = (sections: SuiteOptions['sections']): SuiteOptions => ({
  sections,
  targets: ['nginx', 'redis'],
  seeds: [1, 2],
  throughput: { rounds: 1, measureSec: 2, warmupSec: 0.5, connections: 16, extraProfiles: { nginx: ['/x/args.json'] } },
  guidance: { targets: ['nginx'], seeds: [1], budgetMs: 10_000 },
  jobs: { jobs: 2, seeds: [1], enforce: false },
  outRoot: '/b',
});

describe('runSuite', () => {
  it('measures the throughput of the profile the first saturation run mined, with the extra profiles', async () => {
    const { deps, calls } = fakes();
    const r = await runSuite(options(['saturation', 'throughput']), deps);
    expect(calls).toEqual([
      'mine nginx 1 /b/saturation/nginx-1',
      'mine redis 1 /b/saturation/redis-1',
      'mine nginx 2 /b/saturation/nginx-2',
      'mine redis 2 /b/saturation/redis-2',
      'throughput nginx /b/saturation/nginx-1/seccomp.json /x/args.json',
      'throughput redis /b/saturation/redis-1/seccomp.json',
    ]);
    expect(r.throughput!.map((t) => [t.target, t.seed])).toEqual([
      ['nginx', 1],
      ['redis', 1],
    ]);
    expect(r.guidance).toBeNull();
    expect(r.jobs).toBeNull();
    expect(r.durationMs).toBe(80_000);
    expect(r.sectionMs).toEqual({ saturation: 80_000, throughput: 0 });
    expect(r.headline).toEqual({
      tracerRatio: { nginx: 0.96, redis: 0.96 },
      profileRatio: { nginx: 0.98, redis: 0.98 },
      saturated: { nginx: '2/2', redis: '2/2' },
      medianMiningMs: { nginx: 20_000, redis: 20_000 },
      guidedPays: null,
      jobsRatio: null,
    });
  });

  it('mines a profile of its own for throughput when saturation is not asked for', async () => {
    const { deps, calls } = fakes();
    await runSuite({ ...options(['throughput']), targets: ['redis'] }, deps);
    expect(calls).toEqual(['mine redis 1 /b/throughput/redis', 'throughput redis /b/throughput/redis/seccomp.json']);
  });

  it('runs the guidance comparison through the given runner and the jobs rounds over every target', async () => {
    const { deps, calls } = fakes();
    const r = await runSuite(options(['guidance', 'jobs']), deps);
    expect(calls).toEqual([
      'guidance nginx 1 unguided',
      'guidance nginx 1 guided',
      'runAll nginx,redis jobs=1 seed=1 enforce=false',
      'runAll nginx,redis jobs=2 seed=1 enforce=false',
    ]);
    expect(r.guidance!.targets[0]!.verdict).toBe('guided finds more');
    expect(r.jobs!.ratio).toBeCloseTo(0.6);
    expect(r.headline).toMatchObject({ guidedPays: true, jobsRatio: expect.closeTo(0.6), tracerRatio: null, saturated: null });
    const text = suiteText(r);
    expect(text).toContain('guided better on 1 of 1 targets: guidance pays');
    expect(text).toMatch(/1\s+A B\s+100\.0s\s+60\.0s\s+0\.600\s+nginx same, redis same/);
    expect(text).toContain('B/A 0.600 [0.600, 0.600]; profiles identical 2/2');
  });

  it('prints every section it measured, and only those', async () => {
    const { deps } = fakes();
    const text = suiteText(await runSuite(options(['saturation', 'throughput']), deps));
    expect(text).toContain('time to saturation, seeds 1,2');
    expect(text).toMatch(/nginx\s+2\/2\s+2\/2\s+20\.0s/);
    expect(text).toMatch(/nginx\s+1\s+0\.980 \[0\.970, 0\.990\]\s+0\.990 \[0\.980, 1\.000\]\s+0\.960/);
    expect(text).toContain('nginx p1: 0.980');
    expect(text).not.toContain('guided vs unguided');
    expect(text).not.toContain('--jobs');
  });
});
