import { describe, expect, it } from 'vitest';
import { bodyBytes } from '../../../../generators/http/_internals/body-bytes.js';

describe('bodyBytes', () => {
  it('is exact in size and deterministic per seed', () => {
    for (const size of [0, 1, 3, 4, 5, 65536, 2 * 1024 * 1024 + 3]) {
      const bytes = bodyBytes({ size, seed: 99 });
      expect(bytes.length).toBe(size);
      expect(bodyBytes({ size, seed: 99 }).equals(bytes)).toBe(true);
    }
  });

  it('changes with the seed, and a zero seed still gives varied bytes', () => {
    expect(bodyBytes({ size: 64, seed: 1 }).equals(bodyBytes({ size: 64, seed: 2 }))).toBe(false);
    expect(new Set(bodyBytes({ size: 64, seed: 0 })).size).toBeGreaterThan(10);
  });

  it('extends a shorter body of the same seed', () => {
    expect(bodyBytes({ size: 1000, seed: 5 }).subarray(0, 10)).toEqual(bodyBytes({ size: 10, seed: 5 }));
  });
});
