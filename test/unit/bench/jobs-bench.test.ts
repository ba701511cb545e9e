import { describe, expect, it } from 'vitest';
import { benchJobs } from '../../../src/bench/jobs-bench.js';
import type { TargetRun } from '../../../src/commands/run-many.js';
import { finding, okRun, outcome, profileJson } from '../../fakes/run-outcome.js';

/** A fake `run --jobs`: each call takes `wall[jobs]` ms on the fake clock and writes profiles into `files`. */
function world(wall: Record<number, number>, profiles: (jobs: number, seed: number, target: string) => readonly string[]) {
  let now = 0;
  const files = new Map<string, string>();
  const calls: Array<{ jobs: number; seed: number; out: string }> = [];
  const runAll = async (jobs: number, seed: number, out: string): Promise<TargetRun[]> => {
    calls.push({ jobs, seed, out });
    now += wall[jobs]!;
    return ['nginx', 'redis'].map((t) => {
      const path = `${out}/${t}/seccomp.json`;
      files.set(path, profileJson(profiles(jobs, seed, t)));
      const syscalls = [
        finding('read', { phase: 'startup' }),
        finding('mremap', { phase: 'unit', index: 41, family: 'redis:large', description: '', confirmed: false }),
      ];
      return okRun(t, outcome({ profilePath: path, syscalls }));
    });
  };
  const deps = { runAll, readFile: async (p: string) => files.get(p)!, nowMs: () => now, log: () => {} };
  return { deps, calls };
}

const opts = { targets: ['nginx', 'redis'], seeds: [1, 2, 3], jobs: 2, enforce: true, outRoot: '/b' };

describe('benchJobs', () => {
  it('runs each seed both ways in alternating order and takes the median of the paired ratios', async () => {
    const { deps, calls } = world({ 1: 200_000, 2: 120_000 }, () => ['read', 'write']);
    const r = await benchJobs(opts, deps);
    expect(calls.map((c) => `${c.seed}:${c.jobs}`)).toEqual(['1:1', '1:2', '2:2', '2:1', '3:1', '3:2']);
    expect(calls[0]!.out).toBe('/b/1-sequential');
    expect(r.rounds.map((x) => x.order)).toEqual([
      ['sequential', 'parallel'],
      ['parallel', 'sequential'],
      ['sequential', 'parallel'],
    ]);
    expect(r.medianSequentialMs).toBe(200_000);
    expect(r.medianParallelMs).toBe(120_000);
    expect(r.ratio).toBeCloseTo(0.6);
    expect(r.ratioCi95).toEqual([expect.closeTo(0.6), expect.closeTo(0.6)]);
    expect(r.identicalProfiles).toBe(6);
    expect(r.comparedProfiles).toBe(6);
  });

  it('names the syscalls only one mode allowed, with what found them in that run', async () => {
    const { deps } = world({ 1: 10, 2: 5 }, (jobs, _seed, t) => (t === 'redis' && jobs === 1 ? ['read', 'mremap'] : ['read']));
    const r = await benchJobs({ ...opts, seeds: [7] }, deps);
    const redis = r.rounds[0]!.profiles.find((p) => p.target === 'redis')!;
    expect(redis.identical).toBe(false);
    expect(redis.onlySequential).toEqual([{ name: 'mremap', foundBy: 'unit 41 (redis:large, not reproduced on replay)', firstSeenMs: 100 }]);
    expect(redis.onlyParallel).toEqual([]);
    expect(r.identicalProfiles).toBe(1);
  });

  it('leaves a target that failed in either mode out of the comparison, and names it', async () => {
    const { deps } = world({ 1: 10, 2: 5 }, () => ['read']);
    const runAll = async (jobs: number, seed: number, out: string): Promise<TargetRun[]> => {
      const runs = await deps.runAll(jobs, seed, out);
      return jobs === 2 ? [runs[0]!, { name: 'redis', ok: false, error: new Error('boom'), exitCode: 73 }] : runs;
    };
    const r = await benchJobs({ ...opts, seeds: [1] }, { ...deps, runAll });
    expect(r.rounds[0]!.failures).toEqual(['redis (parallel run failed)']);
    expect(r.rounds[0]!.profiles.map((p) => p.target)).toEqual(['nginx']);
  });
});
