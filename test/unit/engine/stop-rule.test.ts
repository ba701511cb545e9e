import { describe, expect, it } from 'vitest';
import { lifecycleAt } from '../../../src/engine/session.js';
import { shouldStop } from '../../../src/engine/stop-rule.js';
import type { LifecycleAction } from '../../../targets/types.js';

const rule = { windowMs: 10_000, windowUnits: 20, maxTimeMs: 60_000 };
const state = { elapsedMs: 0, unitsRun: 0, lastFindMs: 0, lastFindUnit: 0, lifecyclePending: 0 };

describe('shouldStop', () => {
  it.each([
    ['keeps going while finds are recent', { elapsedMs: 5_000, unitsRun: 100 }, null],
    ['stops on a plateau of both time and units', { elapsedMs: 12_000, unitsRun: 30, lastFindMs: 1_000, lastFindUnit: 5 }, 'plateau'],
    ['needs the unit window too', { elapsedMs: 30_000, unitsRun: 10, lastFindMs: 0, lastFindUnit: 0 }, null],
    ['needs the time window too', { elapsedMs: 9_000, unitsRun: 500, lastFindMs: 0, lastFindUnit: 0 }, null],
    ['never calls a plateau with lifecycle events pending', { elapsedMs: 50_000, unitsRun: 500, lifecyclePending: 1 }, null],
    ['stops at the budget', { elapsedMs: 60_000, unitsRun: 3, lastFindMs: 59_000, lastFindUnit: 3 }, 'budget'],
  ])('%s', (_name, partial, expected) => {
    expect(shouldStop(rule, { ...state, ...partial })).toBe(expected);
  });
});

describe('lifecycleAt', () => {
  const actions: LifecycleAction[] = [
    { kind: 'signal', name: 'a', signal: 'SIGHUP', settleMs: 0 },
    { kind: 'exec', name: 'b', cmd: ['x'], settleMs: 0 },
  ];
  it('interleaves lifecycle events after a warm-up, cycling through them', () => {
    const picks = Array.from({ length: 40 }, (_, i) => lifecycleAt(i + 1, actions)?.name ?? '.');
    expect(picks.join('')).toBe('....a.........b.........a.........b.....');
  });
  it('never picks one when the target has none', () => {
    expect(lifecycleAt(5, [])).toBeUndefined();
  });
});
