import { describe, expect, it } from 'vitest';
import { lifecycleAt } from '../../../src/engine/session.js';
import { estimateFromIncidence } from '../../../src/engine/estimators.js';
import { shouldStop, type ExplorationState } from '../../../src/engine/stop-rule.js';
import type { LifecycleAction } from '../../../targets/types.js';

const rule = { discoveryThreshold: 1e-3, maxUnseen: 0.5, minUnits: 100, maxTimeMs: 60_000 };

/** Estimates for a given incidence: counts of units per syscall. */
function state(counts: number[], units: number, extra: Partial<ExplorationState> = {}): ExplorationState {
  const incidence = new Map(counts.map((c, i) => [`s${i}`, c]));
  return { elapsedMs: 1_000, estimates: estimateFromIncidence(incidence, units), lifecyclePending: 0, unconfirmed: 0, ...extra };
}

describe('shouldStop (STADS)', () => {
  it.each<[string, ExplorationState, string | null]>([
    ['saturated: every syscall seen in several units', state([120, 50, 3, 2], 150), 'saturated'],
    ['a singleton keeps it going (Good-Turing 1/150 > 1e-3)', state([120, 50, 1], 150), null],
    ['too few units to trust Q1 = 0', state([20, 20], 20), null],
    ['lifecycle events still pending', state([200, 200], 200, { lifecyclePending: 1 }), null],
    ['finds waiting for confirmation', state([200, 200], 200, { unconfirmed: 2 }), null],
    ['a singleton in a very long run is below the threshold, Chao2 too', state([3000, 2, 2, 2, 1], 3000), 'saturated'],
    ['budget ends it whatever the estimates', state([1], 1, { elapsedMs: 60_000 }), 'budget'],
  ])('%s', (_name, s, expected) => {
    expect(shouldStop(rule, s)).toBe(expected);
  });
});

describe('lifecycleAt', () => {
  const actions: LifecycleAction[] = [
    { kind: 'signal', name: 'a', signal: 'SIGHUP', settleMs: 0 },
    { kind: 'exec', name: 'b', cmd: ['x'], settleMs: 0 },
  ];
  it('runs every lifecycle event soon after a warm-up, then cycles through them less often', () => {
    const picks = Array.from({ length: 45 }, (_, i) => lifecycleAt(i + 1, actions)?.name ?? '.');
    expect(picks.join('')).toBe('....a...b............a.........b.........a...');
  });
  it('never picks one when the target has none', () => {
    expect(lifecycleAt(5, [])).toBeUndefined();
  });
});
