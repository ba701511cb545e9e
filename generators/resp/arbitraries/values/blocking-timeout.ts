import fc from 'fast-check';
import type { ResolvedRespConstraints } from '../../constraints.js';

/** Milliseconds a blocking command waits: never 0 (forever), at most blockingTimeoutMs. */
export function blockingMillisecondsArbitrary(c: ResolvedRespConstraints): fc.Arbitrary<string> {
  return fc.integer({ min: Math.min(10, c.blockingTimeoutMs), max: Math.max(10, Math.floor(c.blockingTimeoutMs / 4)) }).map(String);
}

/** The same as seconds with millisecond precision, as BLPOP and friends take it. */
export function blockingSecondsArbitrary(c: ResolvedRespConstraints): fc.Arbitrary<string> {
  return blockingMillisecondsArbitrary(c).map((ms) => secondsText(Number(ms)));
}

/** `1500` → `1.5`, `20` → `0.02`. */
export function secondsText(ms: number): string {
  return (ms / 1000).toFixed(3).replace(/\.?0+$/, '');
}
