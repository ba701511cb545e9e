import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProfileBuildError } from '../../../src/shared/errors.js';
import { buildProfile, CLONE_NAMESPACE_MASK, type Observation } from '../../../src/profile/build.js';
import { serializeProfile } from '../../../src/profile/serialize.js';
import { allSyscallNames } from '../../../src/syscalls/index.js';

const provenance = { version: '0.1.0', target: 'nginx' };
const x = (...names: string[]): Observation[] => names.map((name) => ({ abi: 'x86_64', name }));

function allowRule(p: ReturnType<typeof buildProfile>) {
  return p.syscalls.find((r) => r.action === 'SCMP_ACT_ALLOW' && !r.args);
}

describe('buildProfile', () => {
  it('denies by default with EPERM', () => {
    const p = buildProfile({ observed: x('read'), provenance });
    expect(p.defaultAction).toBe('SCMP_ACT_ERRNO');
    expect(p.defaultErrnoRet).toBe(1);
  });

  it('emits one sorted, deduplicated allow rule, unioned across ABIs', () => {
    const p = buildProfile({
      observed: [...x('write', 'read', 'write', 'openat'), { abi: 'i386', name: 'waitpid' }, { abi: 'i386', name: 'read' }],
      provenance,
    });
    expect(allowRule(p)?.names).toEqual(['openat', 'read', 'waitpid', 'write']);
  });

  it('lists only the observed ABIs, native first', () => {
    expect(buildProfile({ observed: x('read'), provenance }).architectures).toEqual(['SCMP_ARCH_X86_64']);
    const mixed: Observation[] = [{ abi: 'x32', name: 'read' }, { abi: 'i386', name: 'read' }, ...x('read')];
    expect(buildProfile({ observed: mixed, provenance }).architectures).toEqual(['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32']);
    expect(buildProfile({ observed: [{ abi: 'i386', name: 'read' }], provenance }).architectures).toEqual(['SCMP_ARCH_X86']);
  });

  it('rejects names the tables do not know, or know only on another ABI', () => {
    expect(() => buildProfile({ observed: x('read', 'frobnicate'), provenance })).toThrow(ProfileBuildError);
    expect(() => buildProfile({ observed: x('frobnicate'), provenance })).toThrow(/frobnicate.*x86_64/);
    expect(() => buildProfile({ observed: x('socketcall'), provenance })).toThrow(ProfileBuildError);
    expect(() => buildProfile({ observed: [{ abi: 'arm' as never, name: 'read' }], provenance })).toThrow(ProfileBuildError);
  });

  it('refuses an empty observation set', () => {
    expect(() => buildProfile({ observed: [], provenance })).toThrow(ProfileBuildError);
  });

  it('always answers clone3 with ENOSYS and never allows it', () => {
    for (const observed of [x('read'), x('read', 'clone3')]) {
      const p = buildProfile({ observed, provenance });
      expect(p.syscalls.filter((r) => r.names.includes('clone3'))).toEqual([
        expect.objectContaining({ names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: 38 }),
      ]);
    }
  });

  it('allows clone (masked) when only clone3 was observed', () => {
    const p = buildProfile({ observed: x('read', 'clone3'), provenance });
    expect(allowRule(p)?.names).toEqual(['read']);
    expect(p.syscalls.find((r) => r.names.includes('clone'))?.args).toEqual([{ index: 0, value: 0x7e020000, valueTwo: 0, op: 'SCMP_CMP_MASKED_EQ' }]);
  });

  it('uses the namespace mask Docker uses (CLONE_NEW* of linux/sched.h)', () => {
    const ns = [0x00020000, 0x02000000, 0x04000000, 0x08000000, 0x10000000, 0x20000000, 0x40000000];
    expect(CLONE_NAMESPACE_MASK).toBe(ns.reduce((a, b) => a | b, 0));
    expect(CLONE_NAMESPACE_MASK).toBe(2114060288);
  });

  it('restricts clone to no namespace flags when none were seen or none recorded', () => {
    const threadFlags = 0x3d0f00; // CLONE_VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|SETTLS|PARENT_SETTID|CHILD_CLEARTID
    for (const cloneFlags of [undefined, [], [threadFlags, 0x1200011], [BigInt(threadFlags)]]) {
      const p = buildProfile({ observed: x('read', 'clone'), cloneFlags, provenance });
      expect(allowRule(p)?.names).toEqual(['read']);
      const clone = p.syscalls.filter((r) => r.names.includes('clone'));
      expect(clone).toHaveLength(1);
      expect(clone[0]).toMatchObject({ action: 'SCMP_ACT_ALLOW', args: [{ index: 0, value: CLONE_NAMESPACE_MASK, op: 'SCMP_CMP_MASKED_EQ' }] });
    }
  });

  it('allows clone plainly when a namespace flag was seen', () => {
    for (const cloneFlags of [
      [0x11, 0x10000000 | 0x11],
      [0x11n, 0x40000000n],
    ]) {
      const p = buildProfile({ observed: x('clone', 'read'), cloneFlags, provenance });
      expect(allowRule(p)?.names).toEqual(['clone', 'read']);
      expect(p.syscalls.some((r) => r.args)).toBe(false);
    }
  });

  it('rejects clone flags that are not unsigned 64-bit integers', () => {
    for (const bad of [[-1], [1.5], [2 ** 60], [1n << 64n], [-1n]]) {
      expect(() => buildProfile({ observed: x('clone'), cloneFlags: bad as number[], provenance })).toThrow(ProfileBuildError);
    }
  });

  it('records provenance under the sandfuzz key', () => {
    const p = buildProfile({ observed: x('read'), provenance });
    expect(p.sandfuzz).toMatchObject({ tool: 'sandfuzz', version: '0.1.0', target: 'nginx' });
    expect(p.sandfuzz?.syscallTables).toEqual([expect.stringMatching(/^x86_64: linux-libc-dev /)]);
  });

  it('is byte-identical for any order of the same observations and clone flags', () => {
    const names64 = allSyscallNames('x86_64');
    const names32 = allSyscallNames('i386');
    const observation = fc.oneof(
      fc.constantFrom(...names64).map((name): Observation => ({ abi: 'x86_64', name })),
      fc.constantFrom(...names32).map((name): Observation => ({ abi: 'i386', name })),
    );
    const input = fc.record({
      observed: fc.array(observation, { minLength: 1, maxLength: 60 }),
      flags: fc.option(fc.array(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), { maxLength: 5 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        input.chain((i) =>
          fc.tuple(
            fc.constant(i),
            fc.shuffledSubarray(i.observed, { minLength: i.observed.length }),
            fc.shuffledSubarray(i.flags ?? [], { minLength: i.flags?.length ?? 0 }),
          ),
        ),
        ([i, shuffled, shuffledFlags]) => {
          const a = serializeProfile(buildProfile({ observed: i.observed, cloneFlags: i.flags, provenance }));
          const b = serializeProfile(buildProfile({ observed: shuffled, cloneFlags: i.flags === undefined ? undefined : shuffledFlags, provenance }));
          expect(b).toBe(a);
        },
      ),
      { numRuns: 200 },
    );
  });
});
