import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../../src/engine/guidance/scheduler.js';

const families = ['a', 'b', 'c'];

function decisions(seed: number, feed: (s: Scheduler, i: number) => void, n = 300) {
  const s = new Scheduler(families, seed);
  const out = [];
  for (let i = 0; i < n; i++) {
    const d = s.next();
    out.push(d);
    feed(s, i);
  }
  return { s, out };
}

describe('Scheduler', () => {
  it('replays the same decisions for the same seed and feedback', () => {
    const feed = (s: Scheduler, i: number) => {
      const id = s.executed(families[i % 3]!, i % 17 === 0 ? 1 : 0);
      if (i % 29 === 0) s.found(families[i % 3]!, id, 2);
    };
    expect(decisions(5, feed).out).toEqual(decisions(5, feed).out);
    expect(decisions(5, feed).out).not.toEqual(decisions(6, feed).out);
  });

  it('sweeps every family in turn before anything else', () => {
    const s = new Scheduler(families, 9);
    const first = Array.from({ length: 6 }, () => s.next());
    expect(first.map((d) => (d.kind === 'generate' ? d.family : 'mutate'))).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('weights the family that keeps finding syscalls, and still explores the others', () => {
    const s = new Scheduler(families, 1);
    const picks: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 3000; i++) {
      const d = s.next();
      if (d.kind !== 'generate') continue;
      picks[d.family]!++;
      s.executed(d.family, 0);
      if (d.family === 'b' && i % 3 === 0) s.found('b', undefined, 1);
    }
    expect(picks.b).toBeGreaterThan(picks.a! * 2);
    expect(picks.a).toBeGreaterThan(50);
    expect(picks.c).toBeGreaterThan(50);
  });

  it('keeps units that found syscalls or new states, and mutates only kept ones', () => {
    const s = new Scheduler(families, 3);
    expect(s.executed('a', 0)).toBeUndefined();
    const kept = s.executed('a', 2);
    expect(kept).toBe(0);
    expect(s.found('b', undefined, 3)).toBe(1);
    expect(s.found('a', kept, 1)).toBe(0);
    expect(s.kept.map((k) => [k.family, k.finds, k.states])).toEqual([
      ['a', 1, 2],
      ['b', 3, 0],
    ]);
    for (let i = 0; i < 200; i++) {
      const d = s.next();
      if (d.kind === 'mutate') {
        expect([0, 1]).toContain(d.parent);
        if (d.donor !== undefined) expect(d.donor).not.toBe(d.parent);
      }
    }
  });
});
