import { describe, expect, it } from 'vitest';
import { PathLedger } from '../../../src/engine/guidance/paths.js';

/** Paths per epoch that a test adds to as lines "arrive". */
function source(initial: Record<number, string[]> = {}) {
  const sets = new Map<number, Set<string>>(Object.entries(initial).map(([e, p]) => [Number(e), new Set(p)]));
  return {
    add: (epoch: number, ...paths: string[]) => {
      const s = sets.get(epoch) ?? new Set<string>();
      for (const p of paths) s.add(p);
      sets.set(epoch, s);
    },
    epochPaths: (epoch: number): ReadonlySet<string> => sets.get(epoch) ?? new Set(),
  };
}

describe('PathLedger', () => {
  it('counts a path once, for the earliest epoch that reached it', () => {
    const src = source({ 0: ['arg:socket:1:1:0'], 2: ['err:x86_64:42:111', 'arg:socket:1:1:0'], 3: ['err:x86_64:42:111'] });
    const ledger = new PathLedger(src);
    expect([...ledger.scan(4)]).toEqual([
      [0, 1],
      [2, 1],
    ]);
    expect([...ledger.scan(4)]).toEqual([]);
    expect(ledger.size).toBe(2);
  });

  it('finds lines that arrived after their epoch was scanned, within the late window', () => {
    const src = source();
    const ledger = new PathLedger(src, 4);
    expect([...ledger.scan(5)]).toEqual([]);
    src.add(4, 'err:x86_64:0:11'); // late line of epoch 4
    src.add(0, 'arg:prctl:15'); // far too late: epoch 0 is out of the window now
    expect([...ledger.scan(6)]).toEqual([[4, 1]]);
  });

  it('scans epochs it skipped once, however far back', () => {
    const src = source({ 1: ['a'], 30: ['b'] });
    const ledger = new PathLedger(src, 4);
    expect([...ledger.scan(40)]).toEqual([
      [1, 1],
      [30, 1],
    ]);
  });

  it("says how many of an epoch's paths a replay did not reach again", () => {
    const src = source({ 1: ['arg:ioctl:21505', 'err:x86_64:7:4', 'err:x86_64:0:11'], 2: ['err:x86_64:0:11'], 5: ['arg:ioctl:21505'] });
    const ledger = new PathLedger(src);
    ledger.scan(6);
    expect(ledger.unreproduced(1, 5)).toBe(2);
    expect(ledger.unreproduced(2, 5)).toBe(0); // nothing was first seen in 2
  });
});
