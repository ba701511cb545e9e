import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputFileError } from '../../../src/shared/errors.js';
import { buildProfile } from '../../../src/profile/build.js';
import { allowedSyscallDetails, allowedSyscalls } from '../../../src/profile/diff.js';
import { parseProfile } from '../../../src/profile/parse.js';
import { serializeProfile } from '../../../src/profile/serialize.js';

/** Docker 20.10.24's default profile, as Debian 12's docker.io ships it (a fixture: no host package needed). */
const DOCKER_DEFAULT = fileURLToPath(new URL('../../fixtures/docker/default-20.10.24.json', import.meta.url));

function parseError(text: string): InputFileError {
  try {
    parseProfile(text, 'bad.json');
  } catch (err) {
    expect(err).toBeInstanceOf(InputFileError);
    const e = err as InputFileError;
    expect(e.message).toMatch(/^bad\.json: /);
    expect(e.message).not.toContain('\n');
    return e;
  }
  throw new Error('expected parseProfile to throw');
}

describe('parseProfile', () => {
  it('rejects non-JSON input', () => {
    expect(parseError('not json {').message).toMatch(/not valid JSON/);
    expect(parseError('').message).toMatch(/not valid JSON/);
  });

  it.each([
    ['[1, 2]', /top level is an array/],
    ['"x"', /top level is a string/],
    ['null', /top level is null/],
    ['{"syscalls": []}', /missing "defaultAction"/],
    ['{"defaultAction": "SCMP_ACT_NOPE"}', /defaultAction "SCMP_ACT_NOPE" is not a seccomp action/],
    ['{"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": -1}', /defaultErrnoRet -1/],
    ['{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": {}}', /syscalls is an object, expected an array/],
    ['{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": ["read"]}]}', /syscalls\[0\]\.action/],
    ['{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": [1], "action": "SCMP_ACT_ALLOW"}]}', /syscalls\[0\]\.names\[0\] is a number/],
    ['{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"name": "a", "names": ["b"], "action": "SCMP_ACT_ALLOW"}]}', /both "name" and "names"/],
    [
      '{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": ["clone"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_LIKE"}]}]}',
      /args\[0\]\.op "SCMP_CMP_LIKE" is not a comparison operator/,
    ],
    [
      '{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": ["clone"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 6, "value": 1, "op": "SCMP_CMP_EQ"}]}]}',
      /index 6 is out of range/,
    ],
    [
      '{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [{"names": ["x"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 18446744073709551615, "op": "SCMP_CMP_EQ"}]}]}',
      /value .* is not an unsigned integer/,
    ],
    ['{"defaultAction": "SCMP_ACT_ERRNO", "architectures": ["SCMP_ARCH_VAX"]}', /architectures\[0\] "SCMP_ARCH_VAX"/],
    [
      '{"defaultAction": "SCMP_ACT_ERRNO", "architectures": ["SCMP_ARCH_X86_64"], "archMap": [{"architecture": "SCMP_ARCH_X86_64", "subArchitectures": []}]}',
      /both "architectures" and "archMap"/,
    ],
  ])('rejects %s', (text, problem) => {
    const e = parseError(text);
    expect(e.message).toMatch(/not a seccomp profile|not valid JSON/);
    expect(e.message).toMatch(problem);
  });

  it('normalises legacy name rules and null args, and ignores unknown keys', () => {
    const p = parseProfile(
      '\uFEFF{"defaultAction": "SCMP_ACT_ALLOW", "future": 1, "syscalls": [{"name": "mount", "action": "SCMP_ACT_ERRNO", "args": null}]}',
      'old.json',
    );
    expect(p).toEqual({ defaultAction: 'SCMP_ACT_ALLOW', syscalls: [{ names: ['mount'], action: 'SCMP_ACT_ERRNO' }] });
  });

  it('round-trips a built profile through serializeProfile byte for byte', () => {
    const built = buildProfile({
      observed: [
        { abi: 'x86_64', name: 'read' },
        { abi: 'x86_64', name: 'clone' },
        { abi: 'i386', name: 'socketcall' },
      ],
      provenance: { version: '0.1.0', workloads: ['smoke', 'bgsave'], nested: { b: 1, a: null } },
    });
    const text = serializeProfile(built);
    const parsed = parseProfile(text, 'mined.json');
    expect(parsed).toEqual(built);
    expect(serializeProfile(parsed)).toBe(text);
  });
});

describe("Docker's default profile", () => {
  const profile = () => parseProfile(readFileSync(DOCKER_DEFAULT, 'utf8'), DOCKER_DEFAULT);

  it('parses', () => {
    const p = profile();
    expect(p.defaultAction).toBe('SCMP_ACT_ERRNO');
    expect(p.archMap?.[0]).toEqual({ architecture: 'SCMP_ARCH_X86_64', subArchitectures: ['SCMP_ARCH_X86', 'SCMP_ARCH_X32'] });
    expect(p.syscalls.length).toBeGreaterThan(20);
  });

  it('allows ~300 syscalls on x86_64 for a default container', () => {
    const { allowed, conditional } = allowedSyscallDetails(profile(), 'x86_64');
    // 292 for Docker 20.10.24's profile against the 6.1 headers (its main rule has 286 x86_64 names).
    expect(allowed.length).toBeGreaterThanOrEqual(280);
    expect(allowed.length).toBeLessThanOrEqual(340);
    expect(allowed).toEqual(expect.arrayContaining(['read', 'write', 'openat', 'arch_prctl', 'chroot', 'ptrace']));
    for (const blocked of ['mount', 'unshare', 'setns', 'bpf', 'clone3', 'reboot', 'socketcall']) expect(allowed).not.toContain(blocked);
    expect(conditional).toEqual(['clone', 'personality']);
  });

  it('follows includes.caps and excludes.caps', () => {
    const withAdmin = allowedSyscallDetails(profile(), 'x86_64', { capabilities: ['CAP_SYS_ADMIN'] });
    expect(withAdmin.allowed).toEqual(expect.arrayContaining(['mount', 'unshare', 'setns', 'clone3']));
    expect(withAdmin.allowed).not.toContain('chroot');
    expect(withAdmin.conditional).toEqual(['personality']);
  });

  it('enables i386 and x32 through archMap', () => {
    expect(allowedSyscalls(profile(), 'i386')).toEqual(expect.arrayContaining(['socketcall', '_llseek', 'read']));
    expect(allowedSyscalls(profile(), 'x32').length).toBeGreaterThan(250);
  });

  it('applies minKernel against a given kernel version', () => {
    expect(allowedSyscalls(profile(), 'x86_64', { kernel: '4.4' })).not.toContain('ptrace');
    expect(allowedSyscalls(profile(), 'x86_64', { kernel: '6.1' })).toContain('ptrace');
  });
});
