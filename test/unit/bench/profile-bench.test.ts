import { describe, expect, it } from 'vitest';
import { runBench, type BenchSlot } from '../../../src/bench/profile-bench.js';
import type { LoadRunner } from '../../../src/bench/load/types.js';
import { FakeWorld, fakeSpec } from '../../fakes/world.js';

/** A bench on the fake world whose load reads 1000/s, less 10% while a tracer is live. */
function benchWorld(failWhileTraced = false) {
  const w = new FakeWorld();
  const events: string[] = [];
  const load: LoadRunner = async (endpoint, opts) => {
    const live = w.tracers.live.length;
    const container = w.runtime.containers.find((c) => c.running && c.endpoint.port === endpoint.port)!;
    events.push(`${opts.seconds === 0.5 ? 'warm' : 'load'} ${container.id} tracers=${live}`);
    if (failWhileTraced && live > 0) throw new Error('connection refused');
    return { throughput: live > 0 ? 900 : 1000, latencyP50Ms: 1, latencyP99Ms: 2, errors: 0 };
  };
  const run = (slots: readonly BenchSlot[], rounds = 2) =>
    runBench(
      fakeSpec(),
      slots,
      load,
      { runtime: w.runtime, createTracer: w.tracers.create, signal: w.signal, log: () => {} },
      {
        rounds,
        warmupSec: 0.5,
        measureSec: 3,
        connections: 4,
      },
    );
  return { w, events, run };
}

const PAIR: BenchSlot = { seccompProfile: 'mining', windows: [{ name: 'untraced' }, { name: 'traced', traced: true }] };

describe('bench rounds', () => {
  it('measures every configuration in the same round in alternating pieces, a tracer attached for its own pieces alone', async () => {
    const { w, events, run } = benchWorld();
    const samples = await run([{ seccompProfile: 'unconfined', windows: [{ name: 'base' }] }, PAIR]);
    // Every configuration's container up for the round, warmed up, then one-second pieces
    // forward and back over the windows (base B, untraced U, traced T): B U T T U B B U T, and
    // the other way round in round 2.
    const round = (order: string, ids: Record<string, string>, traced: string) =>
      [...order].map((k) => `load ${ids[k]} tracers=${k === traced ? 1 : 0}`);
    expect(events).toEqual([
      'warm c1 tracers=0',
      'warm c2 tracers=0',
      ...round('BUTTUBBUT', { B: 'c1', U: 'c2', T: 'c2' }, 'T'),
      'warm c3 tracers=0',
      'warm c4 tracers=0',
      ...round('TUBBUTTUB', { B: 'c3', U: 'c4', T: 'c4' }, 'T'),
    ]);
    expect(samples.get('traced')!.map((r) => r.throughput)).toEqual([900, 900]);
    expect(samples.get('untraced')!.map((r) => r.throughput)).toEqual([1000, 1000]);
    expect(w.runtime.containers.map((c) => [c.spec.seccompProfile, c.removed])).toEqual([
      ['unconfined', true],
      ['mining', true],
      ['unconfined', true],
      ['mining', true],
    ]);
    expect(w.tracers.created).toHaveLength(6);
    expect(w.tracers.leftovers()).toEqual([]);
  });

  it('stops the window’s tracer and removes the container when the load fails', async () => {
    const { w, run } = benchWorld(true);
    await expect(run([PAIR], 1)).rejects.toThrow('connection refused');
    expect(w.tracers.created).toHaveLength(1);
    expect(w.tracers.leftovers()).toEqual([]);
    expect(w.runtime.containers.every((c) => c.removed)).toBe(true);
  });
});
