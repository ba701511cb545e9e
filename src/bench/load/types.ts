import type { Endpoint } from '../../shared/endpoint.js';

/** What one load run measured. */
export interface LoadResult {
  /** Completed requests (or commands, or queries) per second. */
  readonly throughput: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly errors: number;
}

export interface LoadOptions {
  readonly seconds: number;
  readonly connections: number;
}

/** Drives a server as hard as a client on the same machine can, for a fixed time. */
export type LoadRunner = (endpoint: Endpoint, options: LoadOptions) => Promise<LoadResult>;

/** Percentile of sorted latencies (ms). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
