import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputFileError } from '../../../src/shared/errors.js';
import { CLONE_NAMESPACE_MASK, ENOSYS } from '../../../src/profile/build.js';
import { allowedSyscalls } from '../../../src/profile/diff.js';
import { parseAnyProfile } from '../../../src/profile/formats/index.js';
import { type MergeInput, mergeProfiles } from '../../../src/profile/merge.js';
import type { SeccompArch, SeccompProfile, SeccompRule } from '../../../src/profile/seccomp.js';
import { serializeProfile } from '../../../src/profile/serialize.js';

const MASK = [{ index: 0, value: CLONE_NAMESPACE_MASK, valueTwo: 0, op: 'SCMP_CMP_MASKED_EQ' as const }];
const CLONE3: SeccompRule = { names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: ENOSYS, comment: 'ENOSYS so glibc falls back to clone' };

/** A mined-style profile: sorted allow rule, optional masked clone, clone3 → ENOSYS. */
function mined(
  names: string[],
  opts: { maskedClone?: boolean; arches?: SeccompArch[]; target?: string; cloneComment?: string } = {},
): SeccompProfile {
  const syscalls: SeccompRule[] = [{ names: [...names].sort(), action: 'SCMP_ACT_ALLOW' }];
  if (opts.maskedClone) syscalls.push({ names: ['clone'], action: 'SCMP_ACT_ALLOW', args: MASK, comment: opts.cloneComment ?? 'masked' });
  syscalls.push(CLONE3);
  return {
    defaultAction: 'SCMP_ACT_ERRNO',
    defaultErrnoRet: 1,
    architectures: opts.arches ?? ['SCMP_ARCH_X86_64'],
    syscalls,
    sandfuzz: { tool: 'sandfuzz', version: '0.1.0', target: opts.target ?? 'nginx' },
  };
}
const inputs = (...profiles: SeccompProfile[]): MergeInput[] => profiles.map((profile, i) => ({ source: `p${i}.json`, profile }));
const merge = (...profiles: SeccompProfile[]) => mergeProfiles(inputs(...profiles), { version: 'test' });

describe('mergeProfiles', () => {
  it('unions allowed names and architectures, native first', () => {
    const m = merge(mined(['read', 'write']), mined(['read', 'openat'], { arches: ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86'] }));
    expect(allowedSyscalls(m)).toEqual(['openat', 'read', 'write']);
    expect(m.architectures).toEqual(['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86']);
    expect(m.defaultAction).toBe('SCMP_ACT_ERRNO');
    expect(m.defaultErrnoRet).toBe(1);
  });

  it('plain clone in one input beats clone under the namespace mask in another', () => {
    const m = merge(mined(['read', 'clone']), mined(['read'], { maskedClone: true }));
    expect(m.syscalls).toEqual([{ names: ['clone', 'read'], action: 'SCMP_ACT_ALLOW' }, CLONE3]);
  });

  it('keeps the masked clone rule when every input has it, and clone3 stays ENOSYS', () => {
    const m = merge(mined(['read'], { maskedClone: true }), mined(['write'], { maskedClone: true }));
    expect(m.syscalls).toEqual([
      { names: ['read', 'write'], action: 'SCMP_ACT_ALLOW' },
      { names: ['clone'], action: 'SCMP_ACT_ALLOW', args: MASK, comment: 'masked' },
      CLONE3,
    ]);
  });

  it('keeps different conditions side by side (either one allows)', () => {
    const other = [{ index: 0, value: 1, valueTwo: 0, op: 'SCMP_CMP_EQ' as const }];
    const b: SeccompProfile = {
      ...mined(['read']),
      syscalls: [
        { names: ['read'], action: 'SCMP_ACT_ALLOW' },
        { names: ['clone'], action: 'SCMP_ACT_ALLOW', args: other },
      ],
    };
    const m = merge(mined(['read'], { maskedClone: true }), b);
    expect(m.syscalls.filter((r) => r.names.includes('clone')).map((r) => r.args)).toEqual([other, MASK]);
  });

  it('prefers an explicit deny (clone3 ENOSYS) to an input that leaves it to the default', () => {
    const bare: SeccompProfile = { defaultAction: 'SCMP_ACT_ERRNO', syscalls: [{ names: ['read'], action: 'SCMP_ACT_ALLOW' }] };
    expect(merge(bare, mined(['write'])).syscalls).toContainEqual(CLONE3);
  });

  it('allows a name one input denies explicitly and another allows', () => {
    const m = merge(mined(['read']), mined(['clone3']));
    expect(m.syscalls).toEqual([{ names: ['clone3', 'read'], action: 'SCMP_ACT_ALLOW' }]);
  });

  it("lists every input's provenance, merged inputs flattened", () => {
    const ab = merge(mined(['read'], { target: 'a' }), mined(['read'], { target: 'b' }));
    const abc = merge(ab, mined(['read'], { target: 'c' }), { defaultAction: 'SCMP_ACT_ERRNO', syscalls: [] });
    expect(abc.sandfuzz).toEqual({
      tool: 'sandfuzz',
      version: 'test',
      merged: [null, ...['a', 'b', 'c'].map((target) => ({ tool: 'sandfuzz', version: '0.1.0', target }))],
    });
  });

  it('merges the two real nginx profiles into the same rules', () => {
    const read = (f: string) => parseAnyProfile(readFileSync(new URL(`../../fixtures/profiles/${f}`, import.meta.url), 'utf8'), f).profile;
    const [a, b] = [read('nginx-run2.json'), read('nginx-run3.json')];
    const m = mergeProfiles([
      { source: 'run2', profile: a },
      { source: 'run3', profile: b },
    ]);
    expect(m.syscalls).toEqual(a.syscalls);
    expect(m.sandfuzz?.merged).toEqual([a.sandfuzz, b.sandfuzz]);
  });

  it.each<[string, SeccompProfile, RegExp]>([
    [
      'a different defaultAction',
      { ...mined(['read']), defaultAction: 'SCMP_ACT_KILL' },
      /^cannot merge: p0\.json has defaultAction SCMP_ACT_ERRNO but p1\.json has SCMP_ACT_KILL$/,
    ],
    ['a different default errno', { ...mined(['read']), defaultErrnoRet: 13 }, /^cannot merge: p0\.json has defaultErrnoRet 1 but p1\.json has 13$/],
    ['a deny-list', { ...mined(['read']), defaultAction: 'SCMP_ACT_ALLOW' }, /^p1\.json: defaultAction SCMP_ACT_ALLOW makes it a deny-list/],
    [
      'archMap',
      { ...mined(['read']), architectures: undefined, archMap: [{ architecture: 'SCMP_ARCH_X86_64', subArchitectures: [] }] },
      /^p1\.json: cannot merge a profile with "archMap"/,
    ],
    [
      'includes',
      { ...mined(['read']), syscalls: [{ names: ['mount'], action: 'SCMP_ACT_ALLOW', includes: { caps: ['CAP_SYS_ADMIN'] } }] },
      /^p1\.json: cannot merge syscalls\[0\]: Docker's includes\/excludes/,
    ],
    [
      'a conflicting deny',
      { ...mined(['read']), syscalls: [{ names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: 1 }] },
      /^cannot merge: p0\.json and p1\.json deny clone3 differently \(SCMP_ACT_ERRNO\(38\) vs SCMP_ACT_ERRNO\(1\)\)$/,
    ],
  ])('refuses %s with a one-line error', (_what, second, message) => {
    const err = (() => {
      try {
        merge(mined(['read']), second);
      } catch (e) {
        return e;
      }
      throw new Error('expected a refusal');
    })();
    expect(err).toBeInstanceOf(InputFileError);
    expect((err as Error).message).toMatch(message);
  });

  it('gives the same bytes for the same inputs in any order', () => {
    const name = fc.constantFrom('read', 'write', 'openat', 'clone', 'clone3', 'mmap', 'futex');
    const profile = fc
      .record({
        names: fc.uniqueArray(name, { maxLength: 6 }),
        maskedClone: fc.boolean(),
        // Equal rules with different comments: the merged comment must not depend on order.
        cloneComment: fc.constantFrom('masked', 'no CLONE_NEW*'),
        arches: fc.subarray(['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32'] as SeccompArch[], { minLength: 1 }),
        target: fc.constantFrom('nginx', 'redis'),
        log: fc.subarray(['getpid', 'uname']),
      })
      .map(({ log, ...o }): SeccompProfile => {
        const p = mined(o.names, o);
        return log.length > 0 ? { ...p, syscalls: [...p.syscalls, { names: log, action: 'SCMP_ACT_LOG' }] } : p;
      });
    // Sources are given by position, so they do not travel with the profiles: content order alone varies.
    const profilesAndShuffle = fc
      .array(profile, { minLength: 2, maxLength: 5 })
      .chain((ps) => fc.tuple(fc.constant(ps), fc.shuffledSubarray(ps, { minLength: ps.length, maxLength: ps.length })));
    fc.assert(
      fc.property(profilesAndShuffle, ([profiles, shuffled]) => {
        const m = mergeProfiles(inputs(...profiles), { version: 'test' });
        expect(serializeProfile(mergeProfiles(inputs(...shuffled), { version: 'test' }))).toBe(serializeProfile(m));
        // Union: everything any input allows, nothing else.
        expect(allowedSyscalls(m)).toEqual([...new Set(profiles.flatMap((p) => allowedSyscalls(p)))].sort());
      }),
    );
  });
});
