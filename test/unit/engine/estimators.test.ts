import { describe, expect, it } from 'vitest';
import { estimateFromIncidence, incidenceOf, wilsonInterval, withoutKnown } from '../../../src/engine/estimators.js';

const sets = (...units: string[][]) => units.map((u) => new Set(u));

describe('incidence estimators', () => {
  it('counts units per syscall', () => {
    const { incidence, units } = incidenceOf(sets(['a', 'b'], ['a'], ['a', 'c']));
    expect(units).toBe(3);
    expect(Object.fromEntries(incidence)).toEqual({ a: 3, b: 1, c: 1 });
  });

  it('computes Good-Turing, Chao2 and coverage as STADS defines them', () => {
    // m = 10, Q1 = 2, Q2 = 1, S_obs = 4
    const e = estimateFromIncidence(
      new Map([
        ['a', 10],
        ['b', 2],
        ['c', 1],
        ['d', 1],
      ]),
      10,
    );
    expect(e).toMatchObject({ units: 10, observed: 4, q1: 2, q2: 1 });
    expect(e.discoveryProbability).toBeCloseTo(0.2);
    expect(e.unseen).toBeCloseTo((9 / 10) * (4 / 2)); // ((m-1)/m) Q1^2 / (2 Q2)
    expect(e.chao2).toBeCloseTo(4 + 1.8);
    expect(e.coverage).toBeCloseTo(1 - 0.2 * ((9 * 2) / (9 * 2 + 2)));
  });

  it('uses the bias-corrected Chao2 when there are no doubletons', () => {
    const e = estimateFromIncidence(
      new Map([
        ['a', 5],
        ['b', 1],
        ['c', 1],
        ['d', 1],
      ]),
      5,
    );
    expect(e.unseen).toBeCloseTo((4 / 5) * ((3 * 2) / 2));
  });

  it('says nothing is unseen when every syscall recurs', () => {
    const e = estimateFromIncidence(
      new Map([
        ['a', 5],
        ['b', 2],
      ]),
      5,
    );
    expect(e).toMatchObject({ discoveryProbability: 0, unseen: 0, coverage: 1 });
  });

  it('knows nothing before the first unit', () => {
    expect(estimateFromIncidence(new Map(), 0)).toMatchObject({ discoveryProbability: 1, unseen: Infinity });
  });
});

describe('wilsonInterval', () => {
  it('matches published values and stays inside [0, 1]', () => {
    const [lo, hi] = wilsonInterval(0, 50);
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo(0.0714, 3);
    const [lo2, hi2] = wilsonInterval(5, 100);
    expect(lo2).toBeCloseTo(0.0215, 3);
    expect(hi2).toBeCloseTo(0.1118, 3);
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });
});

describe('withoutKnown (the workload stratum)', () => {
  it('drops syscalls other strata used, so their singletons do not hold the rule back', () => {
    const incidence = new Map([
      ['read', 40],
      ['fork', 1], // also used by a lifecycle action
      ['mkdir', 1], // only this unit
      ['unlink', 2],
    ]);
    const filtered = withoutKnown(incidence, new Set(['read', 'fork', 'execve']));
    expect(Object.fromEntries(filtered)).toEqual({ mkdir: 1, unlink: 2 });
    const e = estimateFromIncidence(filtered, 40);
    expect(e).toMatchObject({ observed: 2, q1: 1, q2: 1 });
    expect(e.discoveryProbability).toBeCloseTo(1 / 40);
  });
});
