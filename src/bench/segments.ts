import type { LoadResult } from './load/types.js';
import { median } from './stats.js';

/**
 * How long one piece of a measurement lasts. Throughput on a small VM drifts by 10 to 20% from one
 * half second to the next (measured here, the server at a fixed CPU cap, autocannon or wrk as the
 * client), so configurations measured one after the other for seconds each differ by more than a
 * profile or a tracer costs; cut into one-second pieces in A B B A order, the drift falls on all
 * alike.
 */
export const SEGMENT_SEC = 1;

/** One piece of a window: which window (its index among the round's windows) and for how long. */
export interface Segment {
  readonly window: number;
  readonly seconds: number;
}

/**
 * The pieces of a round: `measureSec` per window, in passes over the windows that go forward and
 * back (A B C C B A A B C ...), starting backwards on odd rounds, so every window's pieces sit
 * around the same middle. A lone window is one piece of `measureSec`. Pure.
 */
export function segmentOrder(windows: number, measureSec: number, round: number): Segment[] {
  if (windows <= 1) return [{ window: 0, seconds: measureSec }];
  const passes = Math.max(1, Math.round(measureSec / SEGMENT_SEC));
  const seconds = measureSec / passes;
  const forward = Array.from({ length: windows }, (_, i) => i);
  const backward = [...forward].reverse();
  return Array.from({ length: passes }, (_, p) => ((p + round) % 2 === 0 ? forward : backward)).flatMap((order) =>
    order.map((window) => ({ window, seconds })),
  );
}

/**
 * A window's result from its pieces, all of the same length: mean throughput, errors summed, and
 * the median of the pieces' percentiles (a window's latency is told per piece; the median keeps one
 * slow piece from standing for all). Pure.
 */
export function combineSegments(pieces: readonly LoadResult[]): LoadResult {
  if (pieces.length === 0) throw new Error('no pieces to combine');
  if (pieces.length === 1) return pieces[0]!;
  return {
    throughput: pieces.reduce((sum, p) => sum + p.throughput, 0) / pieces.length,
    latencyP50Ms: median(pieces.map((p) => p.latencyP50Ms)),
    latencyP99Ms: median(pieces.map((p) => p.latencyP99Ms)),
    errors: pieces.reduce((sum, p) => sum + p.errors, 0),
  };
}
