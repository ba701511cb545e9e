import { describe, expect, it } from 'vitest';
import { runMany, startOrder } from '../../../src/commands/run-many.js';
import { resolveRunOptions } from '../../../src/config/run-options.js';
import { OutputError } from '../../../src/shared/errors.js';
import { settle } from '../../fakes/failure-table.js';
import { fakeDefinition, FakeWorld } from '../../fakes/world.js';

describe('runMany', () => {
  it('checks every output folder before any target starts: one bad --out ends the invocation at once', async () => {
    const w = new FakeWorld();
    const item = (name: string, out: string) => ({
      definition: fakeDefinition({ name }),
      options: resolveRunOptions({ target: name, out, seed: 1, maxTime: '5s', minUnits: 10 }, { cwd: '/' }),
    });
    const outcome = await settle(runMany([item('a', '/out/a'), item('b', '/proc/b')], 2, w.runDeps()));
    expect('error' in outcome && outcome.error).toBeInstanceOf(OutputError);
    expect(w.runtime.script.calls).toEqual([]);
    expect(w.fs.list('/out')).toEqual([]);
  });
});

describe('runMany with --jobs', () => {
  const item = (name: string, seed: number) => ({
    definition: fakeDefinition({ name }),
    options: resolveRunOptions({ target: name, out: `/out/${name}`, seed, maxTime: '5s', minUnits: 10, holdout: 0 }, { cwd: '/' }),
  });

  it('mines targets side by side through one tracer, stopped once all are done', async () => {
    const w = new FakeWorld();
    // When the second mining container is created, is the first still there?
    let overlapped = false;
    w.runtime.script.tap('create', {
      before: () => {
        if (w.runtime.containers.some((c) => c.purpose === 'mine' && !c.removed)) overlapped = true;
      },
      match: (spec) => (spec as { labels: Record<string, string> }).labels.sandfuzz === 'mine',
      nth: 2,
    });
    const results = await runMany([item('a', 1), item('b', 2)], 2, w.runDeps());
    expect(results.map((r) => [r.name, r.ok])).toEqual([
      ['a', true],
      ['b', true],
    ]);
    expect(overlapped).toBe(true);
    expect(w.tracers.created).toHaveLength(1);
    expect(w.tracers.created[0]!.stopped).toBe(true);
    expect(w.cleanup.pending).toBe(0);
  });

  it('gives each target the same profile whether mined alone or beside another', async () => {
    // The rules, without the provenance key (it names the output folder's run).
    const profiles = async (jobs: number): Promise<unknown[]> => {
      const w = new FakeWorld();
      const results = await runMany([item('a', 1), item('b', 2)], jobs, w.runDeps());
      return results.map((r) => (r.ok ? { ...w.fs.json(r.outcome.profilePath), sandfuzz: undefined } : 'failed'));
    };
    const one = await profiles(1);
    expect(one).not.toContain('failed');
    expect(await profiles(2)).toEqual(one);
  });
});

describe('startOrder', () => {
  const budgets = (...ms: number[]) => ms.map((maxTimeMs) => ({ options: { maxTimeMs } }));

  it('keeps the given order for one job', () => {
    expect(startOrder(budgets(75, 110, 110), 1)).toEqual([0, 1, 2]);
  });

  it('starts the longest budgets first with several jobs, stable among equals', () => {
    // nginx 75 s, postgres 110 s, redis 110 s: postgres and redis first, nginx on whichever frees first.
    expect(startOrder(budgets(75, 110, 110), 2)).toEqual([1, 2, 0]);
    expect(startOrder(budgets(90, 90, 90), 2)).toEqual([0, 1, 2]);
  });

  it('is the order runMany starts mining containers in, while results keep the given order', async () => {
    const w = new FakeWorld();
    const item = (name: string, maxTime: string) => ({
      definition: fakeDefinition({ name }),
      options: resolveRunOptions({ target: name, out: `/out/${name}`, seed: 1, maxTime, minUnits: 10, holdout: 0 }, { cwd: '/' }),
    });
    const results = await runMany([item('short', '3s'), item('long', '6s')], 2, w.runDeps());
    const mining = w.runtime.containers.filter((c) => c.purpose === 'mine').map((c) => c.spec.name);
    expect(mining[0]).toContain('sandfuzz-long-mine');
    expect(results.map((r) => r.name)).toEqual(['short', 'long']);
  });
});
