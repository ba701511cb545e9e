import { describe, expect, it } from 'vitest';
import { conditionsDisjoint } from '../../../src/profile/args/disjoint.js';
import type { SeccompArg, SeccompOperator } from '../../../src/profile/seccomp.js';

const c = (op: string, value: number, valueTwo = 0, index = 0): SeccompArg => ({ index, value, valueTwo, op: `SCMP_CMP_${op}` as SeccompOperator });
const ROWS: [string, SeccompArg[], SeccompArg[], boolean][] = [
  ['EQ 2 vs EQ 10', [c('EQ', 2)], [c('EQ', 10)], true],
  ['EQ 2 vs EQ 2', [c('EQ', 2)], [c('EQ', 2)], false],
  ['LT 2 vs EQ 1', [c('LT', 2)], [c('EQ', 1)], false],
  ['LT 2 vs EQ 2', [c('LT', 2)], [c('EQ', 2)], true],
  ['GT 10 vs GE 10', [c('GT', 10)], [c('GE', 10)], false],
  ['LE 9 vs GE 10', [c('LE', 9)], [c('GE', 10)], true],
  ['NE 3 vs EQ 3', [c('NE', 3)], [c('EQ', 3)], true],
  ['NE 3 vs LT 9 (undecided: overlaps)', [c('NE', 3)], [c('LT', 9)], false],
  ['W+X deny vs no-exec allow', [c('MASKED_EQ', 6, 6)], [c('MASKED_EQ', 4, 0)], true],
  ['W+X deny vs no-write allow', [c('MASKED_EQ', 6, 6)], [c('MASKED_EQ', 2, 0)], true],
  ['no-exec vs no-write allows', [c('MASKED_EQ', 4, 0)], [c('MASKED_EQ', 2, 0)], false],
  ['masked type vs EQ family on another argument', [c('MASKED_EQ', 0xf, 1, 1)], [c('EQ', 2)], false],
  ['EQ 7 vs MASKED_EQ 6=6', [c('EQ', 7)], [c('MASKED_EQ', 6, 6)], false],
  ['EQ 5 vs MASKED_EQ 6=6', [c('EQ', 5)], [c('MASKED_EQ', 6, 6)], true],
  ['no conditions vs anything', [], [c('EQ', 1)], false],
  ['one disjoint argument of several is enough', [c('EQ', 2), c('EQ', 1, 0, 1)], [c('EQ', 2), c('EQ', 3, 0, 1)], true],
];

describe('conditionsDisjoint', () => {
  for (const [name, a, b, disjoint] of ROWS) {
    it(`${name}: ${disjoint ? 'disjoint' : 'may overlap'}`, () => {
      expect(conditionsDisjoint(a, b)).toBe(disjoint);
      expect(conditionsDisjoint(b, a)).toBe(disjoint);
    });
  }
});
