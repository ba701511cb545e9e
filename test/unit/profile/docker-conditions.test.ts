import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLONE_NAMESPACE_MASK, DOCKER_FLOOR } from '../../../src/profile/args/index.js';
import { unusedFamilyRules } from '../../../src/profile/args/socket.js';
import { type ConditionComparison, compareDockerConditions } from '../../../src/profile/docker-conditions.js';
import { parseProfile } from '../../../src/profile/parse.js';
import type { SeccompProfile, SeccompRule } from '../../../src/profile/seccomp.js';

const DOCKER_DEFAULT = parseProfile(
  readFileSync(resolve(fileURLToPath(import.meta.url), '../../../fixtures/docker/default-20.10.24.json'), 'utf8'),
  'default.json',
);

const allow = (names: string[], args?: SeccompRule['args']): SeccompRule => ({ names, action: 'SCMP_ACT_ALLOW', ...(args ? { args } : {}) });
const profile = (...syscalls: SeccompRule[]): SeccompProfile => ({
  defaultAction: 'SCMP_ACT_ERRNO',
  defaultErrnoRet: 1,
  architectures: ['SCMP_ARCH_X86_64'],
  syscalls: [allow(['read']), ...syscalls],
});
const verdictOf = (p: SeccompProfile, syscall: string, docker?: SeccompProfile): ConditionComparison =>
  compareDockerConditions(p, docker).find((c) => c.syscall === syscall)!;

const MASKED_CLONE = allow(['clone'], [{ index: 0, value: CLONE_NAMESPACE_MASK, valueTwo: 0, op: 'SCMP_CMP_MASKED_EQ' }]);
const persona = (p: number): SeccompRule => allow(['personality'], [{ index: 0, value: p, op: 'SCMP_CMP_EQ' }]);
/** socket(family, type) as sandfuzz's mined rules write it, with EAFNOSUPPORT for the other families. */
const minedSocket = (...pairs: [number, number][]): SeccompRule[] => [
  ...pairs.map(([f, t]) =>
    allow(
      ['socket'],
      [
        { index: 0, value: f, op: 'SCMP_CMP_EQ' },
        { index: 1, value: 0xf, valueTwo: t, op: 'SCMP_CMP_MASKED_EQ' },
      ],
    ),
  ),
  ...unusedFamilyRules([...new Set(pairs.map(([f]) => f))].sort((a, b) => a - b)),
];

describe('compareDockerConditions: socket (Docker 29 refuses AF_ALG and AF_VSOCK)', () => {
  it('lacks the condition when socket is plainly allowed: AF_ALG opens', () => {
    const c = verdictOf(profile(allow(['socket'])), 'socket');
    expect(c).toMatchObject({ verdict: 'lacks', source: 'Docker 29' });
    expect(c.opened).toEqual(expect.arrayContaining(['socket(AF_ALG, SOCK_SEQPACKET, 0)', 'socket(AF_VSOCK, SOCK_STREAM, 0)']));
    expect(c.opened.every((l) => /AF_ALG|AF_VSOCK/.test(l))).toBe(true);
    expect(c.narrowed).toEqual([]);
  });

  it('tightens it when only the families the container used are allowed', () => {
    const c = verdictOf(profile(...minedSocket([1, 1], [2, 1], [10, 1])), 'socket');
    expect(c.verdict).toBe('tightens');
    expect(c.minedAllows).toEqual(['socket(AF_UNIX, SOCK_STREAM, 0)', 'socket(AF_INET, SOCK_STREAM, 0)', 'socket(AF_INET6, SOCK_STREAM, 0)']);
    expect(c.opened).toEqual([]);
    expect(c.narrowed.length).toBe(c.dockerAllows - 3);
  });

  it("keeps it with Docker's own rules, and lacks it when a mined rule allows AF_ALG", () => {
    expect(verdictOf(profile(...DOCKER_FLOOR.socketRules.map((args) => allow(['socket'], args))), 'socket').verdict).toBe('keeps');
    const c = verdictOf(profile(...minedSocket([2, 1], [38, 5])), 'socket');
    expect(c.verdict).toBe('lacks');
    expect(c.opened).toEqual(['socket(AF_ALG, SOCK_SEQPACKET, 0)']);
  });

  it('says so when socket is not allowed at all', () => {
    expect(verdictOf(profile(), 'socket').verdict).toBe('not-allowed');
  });

  it('uses the Docker 29 condition even when the default profile allows socket plainly (Docker 20.10)', () => {
    const c = verdictOf(profile(allow(['socket'])), 'socket', DOCKER_DEFAULT);
    expect(c).toMatchObject({ source: 'Docker 29', verdict: 'lacks' });
  });
});

describe('compareDockerConditions: personality and clone', () => {
  it.each<[string, SeccompRule[], ConditionComparison['verdict']]>([
    ["Docker's five personas", DOCKER_FLOOR.personalities.map(persona), 'keeps'],
    ['PER_LINUX only', [persona(0)], 'tightens'],
    ['PER_LINUX and ADDR_NO_RANDOMIZE', [persona(0), persona(0x40000)], 'lacks'],
    ['any persona', [allow(['personality'])], 'lacks'],
    ['no personality rule', [], 'not-allowed'],
  ])('personality with %s: %s', (_, rules, verdict) => {
    expect(verdictOf(profile(...rules), 'personality', DOCKER_DEFAULT).verdict).toBe(verdict);
    expect(verdictOf(profile(...rules), 'personality').verdict).toBe(verdict);
  });

  it('names what a plain personality opens', () => {
    const c = verdictOf(profile(allow(['personality'])), 'personality', DOCKER_DEFAULT);
    expect(c.source).toBe('default profile');
    expect(c.opened).toEqual(expect.arrayContaining(['personality(ADDR_NO_RANDOMIZE)', 'personality(READ_IMPLIES_EXEC)']));
    expect(c.minedAllows).toEqual(expect.arrayContaining(['personality(PER_LINUX32)', 'personality(0xffffffff (query))']));
  });

  it.each<[string, SeccompRule[], ConditionComparison['verdict']]>([
    ['the namespace mask', [MASKED_CLONE], 'keeps'],
    ['plain clone', [allow(['clone'])], 'lacks'],
    ['fork flags only', [allow(['clone'], [{ index: 0, value: 0x1200011, op: 'SCMP_CMP_EQ' }])], 'tightens'],
  ])('clone with %s: %s', (_, rules, verdict) => {
    expect(verdictOf(profile(...rules), 'clone', DOCKER_DEFAULT).verdict).toBe(verdict);
  });

  it('names each namespace flag a plain clone opens', () => {
    const c = verdictOf(profile(allow(['clone'])), 'clone', DOCKER_DEFAULT);
    expect(c.opened).toEqual(expect.arrayContaining(['clone(CLONE_NEWUSER|SIGCHLD)', 'clone(CLONE_NEWNET|SIGCHLD)', 'clone(CLONE_NEWNS)']));
  });
});

describe('compareDockerConditions: sources', () => {
  it("applies Docker's includes/excludes: its default profile keeps its own clone and personality conditions", () => {
    const cs = compareDockerConditions(DOCKER_DEFAULT, DOCKER_DEFAULT);
    expect(cs.map((c) => [c.syscall, c.source, c.verdict])).toEqual([
      ['clone', 'default profile', 'keeps'],
      ['personality', 'default profile', 'keeps'],
      // Docker 20.10 predates Docker 29's socket and socketcall conditions.
      ['socket', 'Docker 29', 'lacks'],
      ['socketcall', 'Docker 29', 'lacks'],
    ]);
  });

  it('checks socketcall on i386: refused, or not enabled, is fine; allowed lacks the condition', () => {
    const i386: SeccompProfile = { ...profile(allow(['socketcall'])), architectures: ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86'] };
    expect(verdictOf(i386, 'socketcall')).toMatchObject({ abi: 'i386', verdict: 'lacks' });
    expect(verdictOf(profile(allow(['socketcall'])), 'socketcall').verdict).toBe('not-allowed');
  });

  it('probes an argument condition it has no known calls for from the rules themselves', () => {
    const docker: SeccompProfile = { defaultAction: 'SCMP_ACT_ERRNO', syscalls: [allow(['prctl'], [{ index: 0, value: 4, op: 'SCMP_CMP_EQ' }])] };
    const c = verdictOf(profile(allow(['prctl'])), 'prctl', docker);
    expect(c).toMatchObject({ source: 'default profile', verdict: 'lacks', condition: 'allowed if arg0 is one of 0x4' });
    expect(c.opened).toContain('prctl(arg0=0x3)');
    expect(verdictOf(profile(allow(['prctl'], [{ index: 0, value: 4, op: 'SCMP_CMP_EQ' }])), 'prctl', docker).verdict).toBe('keeps');
  });
});
