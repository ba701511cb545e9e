import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProfile } from '../../../src/profile/build.js';
import { complainProfile } from '../../../src/profile/complain.js';
import { parseProfile } from '../../../src/profile/parse.js';
import type { SeccompProfile } from '../../../src/profile/seccomp.js';
import { serializeProfile } from '../../../src/profile/serialize.js';

const NGINX = join(import.meta.dirname, '..', '..', 'fixtures', 'nginx-run', 'seccomp.json');
const mined = buildProfile({
  observed: [
    { abi: 'x86_64', name: 'read' },
    { abi: 'x86_64', name: 'clone' },
    { abi: 'i386', name: 'getpid' },
  ],
  provenance: { version: '0.1.0', target: 'probe' },
});

describe('complainProfile', () => {
  it('logs by default and drops defaultErrnoRet', () => {
    const c = complainProfile(mined);
    expect(mined.defaultAction).toBe('SCMP_ACT_ERRNO');
    expect(c.defaultAction).toBe('SCMP_ACT_LOG');
    expect(c).not.toHaveProperty('defaultErrnoRet');
  });

  it('keeps allow rules and the clone3 ENOSYS rule exactly, in the same order', () => {
    const c = complainProfile(mined);
    expect(c.syscalls).toEqual(mined.syscalls);
    const clone3 = c.syscalls.find((r) => r.names.includes('clone3'))!;
    expect(clone3).toMatchObject({ action: 'SCMP_ACT_ERRNO', errnoRet: 38 });
  });

  it('turns every denying rule into a LOG rule with the same names and args', () => {
    const args = [{ index: 0, value: 1, op: 'SCMP_CMP_EQ' as const }];
    const p: SeccompProfile = {
      defaultAction: 'SCMP_ACT_KILL_PROCESS',
      architectures: ['SCMP_ARCH_X86_64'],
      syscalls: [
        { names: ['read'], action: 'SCMP_ACT_ALLOW' },
        { names: ['mount'], action: 'SCMP_ACT_ERRNO', errnoRet: 1, comment: 'no mounts' },
        { names: ['ptrace'], action: 'SCMP_ACT_KILL' },
        { names: ['kexec_load'], action: 'SCMP_ACT_KILL_THREAD' },
        { names: ['personality'], action: 'SCMP_ACT_TRAP', args },
        { names: ['bpf'], action: 'SCMP_ACT_KILL_PROCESS' },
        { names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: 1 }, // EPERM: a denial, not the fallback
        { names: ['uname'], action: 'SCMP_ACT_TRACE' },
      ],
    };
    expect(complainProfile(p).syscalls).toEqual([
      { names: ['read'], action: 'SCMP_ACT_ALLOW' },
      { names: ['mount'], action: 'SCMP_ACT_LOG', comment: 'no mounts' },
      { names: ['ptrace'], action: 'SCMP_ACT_LOG' },
      { names: ['kexec_load'], action: 'SCMP_ACT_LOG' },
      { names: ['personality'], action: 'SCMP_ACT_LOG', args },
      { names: ['bpf'], action: 'SCMP_ACT_LOG' },
      { names: ['clone3'], action: 'SCMP_ACT_LOG' },
      { names: ['uname'], action: 'SCMP_ACT_TRACE' },
    ]);
  });

  it('splits other names off a shared clone3 ENOSYS rule: only clone3 answers ENOSYS on purpose', () => {
    const p: SeccompProfile = { defaultAction: 'SCMP_ACT_ERRNO', syscalls: [{ names: ['clone3', 'mount'], action: 'SCMP_ACT_ERRNO', errnoRet: 38 }] };
    expect(complainProfile(p).syscalls).toEqual([
      { names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: 38 },
      { names: ['mount'], action: 'SCMP_ACT_LOG' },
    ]);
  });

  it('enables the x86 sub-ABIs beside x86_64 (an unlisted ABI is killed, not logged)', () => {
    expect(complainProfile(mined).architectures).toEqual(['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32']);
    const native: SeccompProfile = { defaultAction: 'SCMP_ACT_ERRNO', architectures: ['SCMP_ARCH_X86_64'], syscalls: [] };
    expect(complainProfile(native).architectures).toEqual(['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32']);
    const arm: SeccompProfile = { defaultAction: 'SCMP_ACT_ERRNO', architectures: ['SCMP_ARCH_AARCH64'], syscalls: [] };
    expect(complainProfile(arm).architectures).toEqual(['SCMP_ARCH_AARCH64']);
    const none: SeccompProfile = { defaultAction: 'SCMP_ACT_ERRNO', syscalls: [] };
    expect(complainProfile(none)).not.toHaveProperty('architectures');
  });

  it('does the same in archMap form', () => {
    const p: SeccompProfile = {
      defaultAction: 'SCMP_ACT_ERRNO',
      archMap: [
        { architecture: 'SCMP_ARCH_X86_64', subArchitectures: ['SCMP_ARCH_X86'] },
        { architecture: 'SCMP_ARCH_AARCH64', subArchitectures: ['SCMP_ARCH_ARM'] },
      ],
      syscalls: [],
    };
    expect(complainProfile(p).archMap).toEqual([
      { architecture: 'SCMP_ARCH_X86_64', subArchitectures: ['SCMP_ARCH_X86', 'SCMP_ARCH_X32'] },
      { architecture: 'SCMP_ARCH_AARCH64', subArchitectures: ['SCMP_ARCH_ARM'] },
    ]);
  });

  it('marks the provenance, and adds none to a hand-written profile', () => {
    expect(complainProfile(mined).sandfuzz).toEqual({ ...mined.sandfuzz, mode: 'complain' });
    expect(complainProfile({ defaultAction: 'SCMP_ACT_ERRNO', syscalls: [] })).not.toHaveProperty('sandfuzz');
  });

  it('leaves its input alone and is idempotent', () => {
    const before = structuredClone(mined);
    const once = complainProfile(mined);
    expect(mined).toEqual(before);
    expect(complainProfile(once)).toEqual(once);
  });

  it('round-trips through parseProfile and serializes stably', () => {
    const profile = parseProfile(readFileSync(NGINX, 'utf8'), NGINX);
    const text = serializeProfile(complainProfile(profile));
    const reparsed = parseProfile(text, 'seccomp.complain.json');
    expect(reparsed).toEqual(complainProfile(profile));
    expect(serializeProfile(reparsed)).toBe(text);
    expect(serializeProfile(complainProfile(parseProfile(readFileSync(NGINX, 'utf8'), NGINX)))).toBe(text);
    expect(reparsed.defaultAction).toBe('SCMP_ACT_LOG');
    expect(reparsed.syscalls.map((r) => r.action)).toEqual(['SCMP_ACT_ALLOW', 'SCMP_ACT_ALLOW', 'SCMP_ACT_ERRNO']);
    expect(text).toMatch(/"mode": "complain"/);
  });
});
