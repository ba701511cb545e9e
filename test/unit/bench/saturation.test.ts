import { describe, expect, it } from 'vitest';
import { benchSaturation, SATURATION_LIMIT_MS } from '../../../src/bench/saturation.js';
import { TargetUnhealthyError } from '../../../src/shared/errors.js';
import { outcome } from '../../fakes/run-outcome.js';

describe('benchSaturation', () => {
  it('goes round the targets seed by seed and counts saturated runs, within the limit or not', async () => {
    const order: string[] = [];
    const mining: Record<string, number[]> = { nginx: [10_000, 20_000, 30_000], redis: [50_000, 70_000, 110_000] };
    let now = 0;
    const r = await benchSaturation(
      { targets: ['nginx', 'redis'], seeds: [1, 2, 3], outRoot: '/s' },
      {
        mineOne: async (target, seed, out) => {
          order.push(`${target}:${seed}:${out}`);
          now += 1000;
          const ms = mining[target]![seed - 1]!;
          return outcome({ profilePath: `${out}/seccomp.json`, miningMs: ms, stopReason: ms >= 110_000 ? 'budget' : 'saturated' });
        },
        nowMs: () => now,
        log: () => {},
      },
    );
    expect(order).toEqual([
      'nginx:1:/s/nginx-1',
      'redis:1:/s/redis-1',
      'nginx:2:/s/nginx-2',
      'redis:2:/s/redis-2',
      'nginx:3:/s/nginx-3',
      'redis:3:/s/redis-3',
    ]);
    const [nginx, redis] = r.targets;
    expect(nginx).toMatchObject({ saturated: 3, withinLimit: 3, total: 3, medianMiningMs: 20_000 });
    expect(nginx!.miningCi95![0]).toBeGreaterThanOrEqual(10_000);
    expect(nginx!.miningCi95![1]).toBeLessThanOrEqual(30_000);
    // 70 s saturated but past the minute; 110 s ran out of budget.
    expect(redis).toMatchObject({ saturated: 2, withinLimit: 1, total: 3, medianMiningMs: 70_000 });
    expect(r.limitMs).toBe(SATURATION_LIMIT_MS);
  });

  it('keeps a failed run as a figure (not saturated) and goes on', async () => {
    const r = await benchSaturation(
      { targets: ['postgres'], seeds: [1, 2], outRoot: '/s' },
      {
        mineOne: async (_t, seed, out) => {
          if (seed === 1) throw new TargetUnhealthyError('never became ready');
          return outcome({ profilePath: `${out}/seccomp.json`, miningMs: 40_000 });
        },
        nowMs: () => 0,
        log: () => {},
      },
    );
    expect(r.targets[0]).toMatchObject({ saturated: 1, total: 2, medianMiningMs: 40_000 });
    expect(r.targets[0]!.runs[0]).toMatchObject({ seed: 1, ok: false, error: expect.stringContaining('never became ready') });
  });

  it('reports no median when no run finished', async () => {
    const r = await benchSaturation(
      { targets: ['redis'], seeds: [1], outRoot: '/s' },
      { mineOne: async () => Promise.reject(new Error('docker gone')), nowMs: () => 0, log: () => {} },
    );
    expect(r.targets[0]).toMatchObject({ saturated: 0, total: 1, medianMiningMs: null, miningCi95: null });
  });
});
