import { allSyscallNames } from '../../../src/syscalls/index.js';
import { describe, expect, it } from 'vitest';
import { buildProfile } from '../../../src/profile/build.js';
import { allowedSyscalls, diffProfiles } from '../../../src/profile/diff.js';
import type { SeccompProfile } from '../../../src/profile/seccomp.js';
import { serializeProfile } from '../../../src/profile/serialize.js';

const provenance = { version: '0.1.0' };
const mined = (...names: string[]) => buildProfile({ observed: names.map((name) => ({ abi: 'x86_64' as const, name })), provenance });

describe('allowedSyscalls', () => {
  it('counts ALLOW and LOG rules, including arg-conditioned ones, not ERRNO rules', () => {
    const p: SeccompProfile = {
      defaultAction: 'SCMP_ACT_ERRNO',
      syscalls: [
        { names: ['write', 'read'], action: 'SCMP_ACT_ALLOW' },
        { names: ['openat'], action: 'SCMP_ACT_LOG' },
        { names: ['clone'], action: 'SCMP_ACT_ALLOW', args: [{ index: 0, value: 1, op: 'SCMP_CMP_MASKED_EQ' }] },
        { names: ['mount'], action: 'SCMP_ACT_ERRNO' },
        { names: ['socketcall'], action: 'SCMP_ACT_ALLOW' },
      ],
    };
    expect(allowedSyscalls(p)).toEqual(['clone', 'openat', 'read', 'socketcall', 'write']);
    expect(allowedSyscalls(p, 'x86_64')).toEqual(['clone', 'openat', 'read', 'write']);
    // No architectures listed: libseccomp filters the native arch only.
    expect(allowedSyscalls(p, 'i386')).toEqual([]);
  });

  it('returns nothing for an ABI the profile does not enable', () => {
    expect(allowedSyscalls(mined('read'), 'i386')).toEqual([]);
    expect(allowedSyscalls(mined('read'), 'x86_64')).toEqual(['read']);
  });
});

describe('diffProfiles', () => {
  it('reports names allowed by only one side and the arg-conditioned ones', () => {
    const a = mined('read', 'write', 'mount', 'clone');
    const b = mined('read', 'write', 'truncate');
    const d = diffProfiles(a, b, 'x86_64');
    expect(d.onlyInA).toEqual(['clone', 'mount']);
    expect(d.onlyInB).toEqual(['truncate']);
    expect(d.conditionalInA).toEqual(['clone']);
    expect(d.conditionalInB).toEqual([]);
  });

  it('is empty for identical profiles', () => {
    expect(diffProfiles(mined('read'), mined('read'))).toEqual({ onlyInA: [], onlyInB: [], conditionalInA: [], conditionalInB: [] });
  });
});

describe('serializeProfile', () => {
  it('uses a fixed key order whatever the construction order, 2-space indent and a trailing newline', () => {
    const one: SeccompProfile = {
      defaultAction: 'SCMP_ACT_ERRNO',
      defaultErrnoRet: 1,
      syscalls: [{ names: ['clone'], action: 'SCMP_ACT_ALLOW', args: [{ index: 0, value: 5, valueTwo: 0, op: 'SCMP_CMP_MASKED_EQ' }] }],
      sandfuzz: { tool: 'sandfuzz', version: '1', z: { b: 2, a: [{ d: 1, c: 0 }] } },
    };
    const two = {
      sandfuzz: { z: { a: [{ c: 0, d: 1 }], b: 2 }, version: '1', tool: 'sandfuzz' },
      syscalls: [{ args: [{ op: 'SCMP_CMP_MASKED_EQ', valueTwo: 0, value: 5, index: 0 }], action: 'SCMP_ACT_ALLOW', names: ['clone'] }],
      defaultErrnoRet: 1,
      defaultAction: 'SCMP_ACT_ERRNO',
    } as unknown as SeccompProfile;
    const text = serializeProfile(one);
    expect(serializeProfile(two)).toBe(text);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "defaultAction": "SCMP_ACT_ERRNO",');
    expect(Object.keys(JSON.parse(text))).toEqual(['defaultAction', 'defaultErrnoRet', 'syscalls', 'sandfuzz']);
    expect(Object.keys(JSON.parse(text).sandfuzz)).toEqual(['tool', 'version', 'z']);
  });

  it('omits absent optional fields', () => {
    const text = serializeProfile({ defaultAction: 'SCMP_ACT_ALLOW', syscalls: [] });
    expect(text).toBe('{\n  "defaultAction": "SCMP_ACT_ALLOW",\n  "syscalls": []\n}\n');
  });
});

describe('allowedSyscalls of a deny-list profile', () => {
  it('allows every syscall of the ABI but those a rule refuses without conditions', () => {
    const profile = {
      defaultAction: 'SCMP_ACT_ALLOW' as const,
      architectures: ['SCMP_ARCH_X86_64' as const],
      syscalls: [
        { names: ['ptrace', 'bpf'], action: 'SCMP_ACT_ERRNO' as const },
        { names: ['socket'], action: 'SCMP_ACT_ERRNO' as const, args: [{ index: 0, value: 40, op: 'SCMP_CMP_EQ' as const }] },
      ],
    };
    const allowed = allowedSyscalls(profile, 'x86_64');
    expect(allowed).toContain('read');
    expect(allowed).toContain('socket');
    expect(allowed).not.toContain('ptrace');
    expect(allowed).not.toContain('bpf');
    expect(allowed.length).toBe(allSyscallNames('x86_64').length - 2);
  });
});
