import { describe, expect, it } from 'vitest';
import { median, pairedRatio } from '../../../src/bench/stats.js';

describe('bench statistics', () => {
  it('takes medians', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('takes ratios pair by pair, so a slow round slows both of its sides alike', () => {
    // Round 2 ran 30% slower on both sides: the ratio of medians would say 0.93, each pair 0.98.
    const a = [100, 70, 100, 101, 99];
    const b = [98, 68.6, 98, 98.98, 97.02];
    const { ratio, ci95 } = pairedRatio(a, b);
    expect(ratio).toBeCloseTo(0.98);
    expect(ci95[0]).toBeCloseTo(0.98);
    expect(ci95[1]).toBeCloseTo(0.98);
  });

  it('brackets the median ratio, wider when the pairs disagree, and replays exactly', () => {
    const a = [100, 100, 100, 100, 100, 100];
    const tight = pairedRatio(a, [90, 91, 89, 92, 88, 90]);
    const loose = pairedRatio(a, [60, 120, 90, 70, 130, 90]);
    expect(tight.ci95[0]).toBeLessThanOrEqual(tight.ratio);
    expect(tight.ci95[1]).toBeGreaterThanOrEqual(tight.ratio);
    expect(tight.ci95[1] - tight.ci95[0]).toBeLessThan(0.05);
    expect(loose.ci95[1] - loose.ci95[0]).toBeGreaterThan(tight.ci95[1] - tight.ci95[0]);
    expect(pairedRatio(a, [90, 91, 89, 92, 88, 90])).toEqual(tight);
  });

  it('refuses samples that do not pair', () => {
    expect(() => pairedRatio([1, 2], [1])).toThrow(/paired/);
    expect(() => pairedRatio([], [])).toThrow(/paired/);
  });
});
