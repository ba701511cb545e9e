import { describe, expect, it } from 'vitest';
import type { JobsBenchResult } from '../../../src/bench/jobs-bench.js';
import { summarise } from '../../../src/bench/saturation.js';
import type { SuiteResult } from '../../../src/bench/suite.js';
import { suiteText } from '../../../src/bench/suite-text.js';

const base = {
  startedAt: '2026-12-02T00:00:00.000Z',
  durationMs: 600_000,
  options: {} as SuiteResult['options'],
  throughput: null,
  guidance: null,
  sectionMs: {},
  headline: {} as SuiteResult['headline'],
};
const figures = { miningMs: 30_000, units: 200, stopReason: 'saturated', allowed: 80 };

describe('bench text', () => {
  it('says which syscalls one mode found and the other did not, and what found them', () => {
    const jobs: JobsBenchResult = {
      jobs: 2,
      targets: ['redis'],
      enforce: true,
      rounds: [
        {
          seed: 2,
          order: ['parallel', 'sequential'],
          sequentialMs: 200_000,
          parallelMs: 130_000,
          ratio: 0.65,
          failures: ['postgres (parallel run failed)'],
          profiles: [
            {
              target: 'redis',
              identical: false,
              onlySequential: [{ name: 'mremap', foundBy: 'unit 41 (redis:large)', firstSeenMs: 9_000 }],
              onlyParallel: [],
              changedRules: ['ioctl'],
              sequential: figures,
              parallel: { ...figures, units: 210 },
            },
          ],
        },
      ],
      medianSequentialMs: 200_000,
      medianParallelMs: 130_000,
      ratio: 0.65,
      ratioCi95: [0.65, 0.65],
      identicalProfiles: 0,
      comparedProfiles: 1,
    };
    const text = suiteText({ ...base, saturation: null, jobs });
    expect(text).toMatch(/2\s+B A\s+200\.0s\s+130\.0s\s+0\.650\s+redis DIFFERS; failed: postgres \(parallel run failed\)/);
    expect(text).toContain('seed 2 redis: only --jobs 1: mremap (unit 41 (redis:large)); rules differ: ioctl; units 200 vs 210');
    expect(text).toContain('profiles identical 0/1');
  });

  it('marks runs that hit the budget or failed, and prints why a run failed', () => {
    const t = summarise('redis', [
      {
        seed: 1,
        ok: true,
        stopReason: 'budget',
        miningMs: 110_000,
        timeToFinalSetMs: 60_000,
        units: 300,
        allowed: 80,
        wallMs: 120_000,
        profilePath: '/p',
      },
      { seed: 2, ok: false, error: 'redis: never became ready', wallMs: 60_000 },
    ]);
    const text = suiteText({ ...base, jobs: null, saturation: { seeds: [1, 2], limitMs: 60_000, targets: [t] } });
    expect(text).toMatch(/redis\s+0\/2\s+0\/2\s+110\.0s/);
    expect(text).toContain('1:110.0s(budget) 2:FAILED');
    expect(text).toContain('redis seed 2: redis: never became ready');
  });
});
