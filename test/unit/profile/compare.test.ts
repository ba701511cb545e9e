import { describe, expect, it } from 'vitest';
import { CLONE_NAMESPACE_MASK, ENOSYS } from '../../../src/profile/build.js';
import { compareProfiles, describeRule, formatComparison, type ProfileComparison } from '../../../src/profile/compare.js';
import type { SeccompProfile, SeccompRule } from '../../../src/profile/seccomp.js';

const MASKED = `SCMP_ACT_ALLOW if arg0 & 0x${CLONE_NAMESPACE_MASK.toString(16)} == 0`;
const MASK_ARGS = [{ index: 0, value: CLONE_NAMESPACE_MASK, valueTwo: 0, op: 'SCMP_CMP_MASKED_EQ' as const }];
const base: SeccompProfile = {
  defaultAction: 'SCMP_ACT_ERRNO',
  defaultErrnoRet: 1,
  architectures: ['SCMP_ARCH_X86_64'],
  syscalls: [
    { names: ['read', 'write'], action: 'SCMP_ACT_ALLOW' },
    { names: ['clone'], action: 'SCMP_ACT_ALLOW', args: MASK_ARGS, comment: 'masked' },
    { names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: ENOSYS },
  ],
};
const rules = (...syscalls: SeccompRule[]): SeccompProfile => ({ ...base, syscalls });
const none: Omit<ProfileComparison, 'identical'> = {
  onlyInA: [],
  onlyInB: [],
  changed: [],
  architectures: { onlyInA: [], onlyInB: [] },
  settings: [],
};

describe('compareProfiles', () => {
  it.each<[string, SeccompProfile, Partial<ProfileComparison>]>([
    ['the same profile', base, {}],
    [
      'regrouped rules and other comments',
      rules(
        { names: ['write'], action: 'SCMP_ACT_ALLOW' },
        { names: ['clone'], action: 'SCMP_ACT_ALLOW', args: MASK_ARGS },
        { names: ['read'], action: 'SCMP_ACT_ALLOW' },
        { names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: ENOSYS, comment: 'x' },
      ),
      {},
    ],
    ['no defaultErrnoRet (EPERM by default)', { ...base, defaultErrnoRet: undefined }, {}],
    ['a name only in B', rules(...base.syscalls, { names: ['openat'], action: 'SCMP_ACT_ALLOW' }), { onlyInB: ['openat'] }],
    ['a name only in A', rules({ names: ['read'], action: 'SCMP_ACT_ALLOW' }, ...base.syscalls.slice(1)), { onlyInA: ['write'] }],
    [
      'clone allowed plainly instead of under the mask',
      rules({ names: ['clone', 'read', 'write'], action: 'SCMP_ACT_ALLOW' }, base.syscalls[2]!),
      { changed: [{ name: 'clone', a: [MASKED], b: ['SCMP_ACT_ALLOW'] }] },
    ],
    ['clone3 left to the default', rules(...base.syscalls.slice(0, 2)), { changed: [{ name: 'clone3', a: ['SCMP_ACT_ERRNO(38)'], b: ['default'] }] }],
    ['clone3 allowed', rules({ names: ['clone3', 'read', 'write'], action: 'SCMP_ACT_ALLOW' }, base.syscalls[1]!), { onlyInB: ['clone3'] }],
    [
      'an extra architecture',
      { ...base, architectures: ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86'] },
      { architectures: { onlyInA: [], onlyInB: ['SCMP_ARCH_X86'] } },
    ],
    ['no architectures (native only)', { ...base, architectures: undefined }, {}],
    [
      'another default',
      { ...base, defaultAction: 'SCMP_ACT_KILL_PROCESS', defaultErrnoRet: undefined },
      {
        settings: [
          { setting: 'defaultAction', a: 'SCMP_ACT_ERRNO', b: 'SCMP_ACT_KILL_PROCESS' },
          { setting: 'defaultErrnoRet', a: '1', b: '-' },
        ],
      },
    ],
    ['flags', { ...base, flags: ['SECCOMP_FILTER_FLAG_LOG'] }, { settings: [{ setting: 'flags', a: '-', b: 'SECCOMP_FILTER_FLAG_LOG' }] }],
  ])('%s', (_what, b, expected) => {
    const c = compareProfiles(base, b);
    expect(c).toEqual({ ...none, ...expected, identical: Object.keys(expected).length === 0 });
  });

  it('is symmetric', () => {
    const b = rules({ names: ['clone', 'read', 'openat'], action: 'SCMP_ACT_ALLOW' });
    const ab = compareProfiles(base, b);
    const ba = compareProfiles(b, base);
    expect([ba.onlyInA, ba.onlyInB]).toEqual([ab.onlyInB, ab.onlyInA]);
    expect(ba.changed.map((c) => ({ name: c.name, a: c.b, b: c.a }))).toEqual(ab.changed);
  });
});

describe('describeRule', () => {
  it.each<[SeccompRule, string]>([
    [{ names: ['x'], action: 'SCMP_ACT_ALLOW', errnoRet: 5 }, 'SCMP_ACT_ALLOW'],
    [{ names: ['x'], action: 'SCMP_ACT_ERRNO', errnoRet: 38 }, 'SCMP_ACT_ERRNO(38)'],
    [
      {
        names: ['x'],
        action: 'SCMP_ACT_ALLOW',
        args: [
          { index: 1, value: 7, op: 'SCMP_CMP_GE' },
          { index: 0, value: 2, op: 'SCMP_CMP_NE' },
        ],
      },
      'SCMP_ACT_ALLOW if arg0 != 2 && arg1 >= 7',
    ],
    [
      { names: ['x'], action: 'SCMP_ACT_ALLOW', includes: { caps: ['CAP_SYS_ADMIN'] }, excludes: { arches: ['s390'], minKernel: '4.8' } },
      'SCMP_ACT_ALLOW [includes caps=CAP_SYS_ADMIN] [excludes arches=s390 minKernel=4.8]',
    ],
  ])('%j', (rule, text) => {
    expect(describeRule(rule)).toBe(text);
  });
});

describe('formatComparison', () => {
  it('is empty for identical profiles', () => {
    expect(formatComparison(compareProfiles(base, base), 'a', 'b')).toBe('');
  });

  it('prints diff(1)-like lines', () => {
    const b: SeccompProfile = {
      ...base,
      architectures: ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86'],
      syscalls: [{ names: ['clone', 'read', 'openat'], action: 'SCMP_ACT_ALLOW' }, base.syscalls[2]!],
    };
    expect(formatComparison(compareProfiles(base, b), 'a.json', 'b.json')).toBe(
      ['--- a.json', '+++ b.json', '+ architecture SCMP_ARCH_X86', '- write', '+ openat', `~ clone: ${MASKED} -> SCMP_ACT_ALLOW`, ''].join('\n'),
    );
  });
});
