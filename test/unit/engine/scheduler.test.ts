import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULER_OPTIONS, Scheduler, type Decision } from '../../../src/engine/guidance/scheduler.js';

const families = ['a', 'b', 'c'];

function decisions(seed: number, feed: (s: Scheduler, d: Decision, i: number) => void, n = 300) {
  const s = new Scheduler(families, seed);
  const out: Decision[] = [];
  for (let i = 0; i < n; i++) {
    const d = s.next();
    out.push(d);
    feed(s, d, i);
  }
  return { s, out };
}

const familyOf = (d: Decision, i: number): string => (d.kind === 'generate' ? d.family : families[i % 3]!);

describe('Scheduler', () => {
  it('replays the same decisions for the same seed and feedback', () => {
    const feed = (s: Scheduler, d: Decision, i: number) => {
      const f = familyOf(d, i);
      s.executed(f, d.kind === 'mutate');
      if (i % 17 === 0) s.credit(f, undefined, { states: 1 });
      if (i % 29 === 0) s.credit(f, undefined, { finds: 2, paths: 1 }, d.kind === 'mutate' ? d.parent : undefined);
    };
    expect(decisions(5, feed).out).toEqual(decisions(5, feed).out);
    expect(decisions(5, feed).out).not.toEqual(decisions(6, feed).out);
  });

  it('sweeps every family in turn before anything else', () => {
    const s = new Scheduler(families, 9);
    const first = Array.from({ length: 6 }, () => s.next());
    expect(first.map((d) => (d.kind === 'generate' ? d.family : 'mutate'))).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('weights the family that keeps earning, and still brings back the exhausted ones', () => {
    const s = new Scheduler(families, 1);
    const picks: Record<string, number> = { a: 0, b: 0, c: 0 };
    const gaps: number[] = [];
    let lastC = 0;
    for (let i = 0; i < 3000; i++) {
      const d = s.next();
      if (d.kind !== 'generate') continue;
      picks[d.family]!++;
      s.executed(d.family, false);
      if (d.family === 'c') gaps.push(i - lastC), (lastC = i);
      // b keeps reaching new paths; a and c ran dry after the sweeps.
      if (d.family === 'b') s.credit('b', undefined, { paths: 1 });
    }
    expect(picks.b).toBeGreaterThan(picks.a! * 2);
    expect(picks.a).toBeGreaterThan(50);
    // The stalest family gets the exploration picks: c never waits long, however dry.
    expect(Math.max(...gaps)).toBeLessThan(60);
  });

  it('keeps units that earned something, never for a take-back, and mutates only kept ones', () => {
    const s = new Scheduler(families, 3);
    expect(s.credit('a', undefined, {})).toBeUndefined();
    expect(s.credit('a', undefined, { paths: -1 })).toBeUndefined();
    const kept = s.credit('a', undefined, { states: 2 });
    expect(kept).toBe(0);
    expect(s.credit('b', undefined, { finds: 3 })).toBe(1);
    expect(s.credit('a', kept, { finds: 1, paths: 2 })).toBe(0);
    expect(s.credit('a', kept, { paths: -1 })).toBe(0);
    expect(s.kept.map((k) => [k.family, k.finds, k.paths, k.states])).toEqual([
      ['a', 1, 1, 2],
      ['b', 3, 0, 0],
    ]);
    for (let i = 0; i < 200; i++) {
      const d = s.next();
      if (d.kind === 'mutate') {
        expect([0, 1]).toContain(d.parent);
        if (d.donor !== undefined) expect(d.donor).not.toBe(d.parent);
      }
    }
  });

  it('picks kept units by energy: confirmed finds and productive mutants beat a new answer state', () => {
    const s = new Scheduler(families, 4);
    for (let i = 0; i < 6; i++) s.next(); // the sweeps
    const stateOnly = s.credit('a', undefined, { states: 1 })!;
    const finder = s.credit('b', undefined, { finds: 2 })!;
    const parentOfFinders = s.credit('c', undefined, { states: 1 })!;
    const picks = [0, 0, 0];
    for (let i = 0; i < 3000; i++) {
      const d = s.next();
      if (d.kind !== 'mutate') continue;
      picks[d.parent]!++;
      // Mutants of the third entry keep finding paths: their parent earns more picks.
      if (d.parent === parentOfFinders && i % 5 === 0) s.credit('c', undefined, { paths: 1 }, d.parent);
    }
    expect(picks[finder]).toBeGreaterThan(picks[stateOnly]! * 1.3);
    expect(picks[parentOfFinders]).toBeGreaterThan(picks[stateOnly]! * 1.3);
  });

  it('mutates as often as mutation pays, within its bounds', () => {
    const { min, max } = DEFAULT_SCHEDULER_OPTIONS.mutateShare;
    const paying = new Scheduler(families, 2);
    const dry = new Scheduler(families, 2);
    for (let i = 0; i < 200; i++) {
      paying.executed('a', i % 2 === 0);
      dry.executed('a', i % 2 === 0);
      // Mutants reach a new path every time; fresh units once in ten.
      if (i % 2 === 0) paying.credit('a', undefined, { paths: 1 }, 0);
      if (i % 20 === 1) paying.credit('a', undefined, { paths: 1 });
      if (i % 2 === 1) dry.credit('a', undefined, { paths: 1 });
    }
    expect(paying.mutateShare()).toBe(max);
    expect(dry.mutateShare()).toBe(min);
    expect(new Scheduler(families, 2).mutateShare()).toBeCloseTo(0.5);
  });
});
