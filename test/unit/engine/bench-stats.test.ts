import { describe, expect, it } from 'vitest';
import { bootstrapRatioInterval, median } from '../../../src/bench/stats.js';

describe('bench statistics', () => {
  it('takes medians', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('brackets the ratio of medians, and narrows when samples agree', () => {
    const a = [100, 102, 98, 101, 99, 100];
    const b = [90, 91, 89, 92, 88, 90];
    const [lo, hi] = bootstrapRatioInterval(a, b);
    expect(lo).toBeLessThanOrEqual(median(b) / median(a));
    expect(hi).toBeGreaterThanOrEqual(median(b) / median(a));
    expect(hi - lo).toBeLessThan(0.1);
    const [wlo, whi] = bootstrapRatioInterval([50, 150, 100, 80, 120, 100], [40, 160, 90, 70, 130, 90]);
    expect(whi - wlo).toBeGreaterThan(hi - lo);
    expect(bootstrapRatioInterval(a, b)).toEqual([lo, hi]); // seeded
  });
});
