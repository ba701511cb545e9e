import fc from 'fast-check';
import type { TcpStep } from '../unit.js';

// A hold shorter than this rarely outlasts any server timeout; it still tests a quiet client.
const MIN_HOLD_MS = 100;

/** Idle for up to `holdMs`. */
export function pauseStepArbitrary(holdMs: number): fc.Arbitrary<TcpStep> {
  return fc.integer({ min: Math.min(MIN_HOLD_MS, holdMs), max: holdMs }).map((ms) => ({ kind: 'pause', ms }));
}
