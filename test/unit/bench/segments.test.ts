import { describe, expect, it } from 'vitest';
import { combineSegments, segmentOrder } from '../../../src/bench/segments.js';

const order = (windows: number, seconds: number, round: number): string =>
  segmentOrder(windows, seconds, round)
    .map((s) => 'ABC'[s.window])
    .join('');

describe('segment order', () => {
  it('goes back and forth in one-second pieces, the other way round on odd rounds', () => {
    expect(order(2, 4, 0)).toBe('ABBAABBA');
    expect(order(2, 4, 1)).toBe('BAABBAAB');
    expect(order(3, 2, 0)).toBe('ABCCBA');
  });

  it('gives every window exactly the measured time', () => {
    for (const seconds of [0.4, 2.5, 5, 7.2]) {
      const pieces = segmentOrder(2, seconds, 0);
      for (const w of [0, 1]) {
        const total = pieces.filter((p) => p.window === w).reduce((sum, p) => sum + p.seconds, 0);
        expect(total).toBeCloseTo(seconds);
      }
    }
  });

  it('leaves a lone window in one piece', () => {
    expect(segmentOrder(1, 5, 3)).toEqual([{ window: 0, seconds: 5 }]);
  });
});

describe('combining pieces', () => {
  const piece = (throughput: number, p99: number, errors = 0) => ({ throughput, latencyP50Ms: p99 / 4, latencyP99Ms: p99, errors });

  it('averages throughput, sums errors and takes the median percentile', () => {
    expect(combineSegments([piece(100, 2), piece(120, 9, 1), piece(110, 3, 2)])).toEqual({
      throughput: 110,
      latencyP50Ms: 0.75,
      latencyP99Ms: 3,
      errors: 3,
    });
  });

  it('returns a single piece as it is and refuses none', () => {
    expect(combineSegments([piece(5, 1)])).toEqual(piece(5, 1));
    expect(() => combineSegments([])).toThrow();
  });
});
