import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ARGUMENT_PROBES } from '../../../src/engine/tracer/argument-probes.js';
import { ARG_RULE_KINDS, type ArgumentEvidence, mergeEvidence } from '../../../src/profile/args/index.js';
import { conditionsDisjoint } from '../../../src/profile/args/disjoint.js';
import { ARG_SLOTS } from '../../../src/profile/args/slots.js';
import { buildProfileWithRules, type Observation } from '../../../src/profile/build.js';
import { evaluateCall, evaluateRecorded } from '../../../src/profile/evaluate.js';
import { mergeProfiles } from '../../../src/profile/merge.js';
import { serializeProfile } from '../../../src/profile/serialize.js';
import { AF_MAX } from '../../../src/syscalls/arg-names.js';
import { PROFILE_FORMAT_NAMES, PROFILE_FORMATS } from '../../../src/profile/formats/index.js';

const provenance = { version: 'test' };
const x = (...names: string[]): Observation[] => names.map((name) => ({ abi: 'x86_64', name }));
const ev = (syscall: string, values: number[], units: number[] = [], startup = true): ArgumentEvidence => ({
  syscall,
  values,
  units,
  startup,
  shutdown: false,
});
const NAMES = x('read', 'write', 'socket', 'socketpair', 'prctl', 'ioctl', 'mmap', 'mprotect', 'personality', 'clone', 'setsockopt');
const build = (evidence: ArgumentEvidence[], args: 'mined' | 'docker' | 'none' = 'mined') =>
  buildProfileWithRules({ observed: NAMES, arguments: evidence, args, provenance });
const socketVerdict = (profile: ReturnType<typeof build>['profile'], family: number, type = 1) =>
  evaluateCall(
    profile,
    'x86_64',
    'socket',
    new Map([
      [0, family],
      [1, type],
      [2, 0],
    ]),
  );

const INET = [ev('socket', [1, 1, 0]), ev('socket', [2, 1, 0]), ev('socket', [10, 1, 0], [7], false)];

describe('argument rules', () => {
  it('records, per probe, the arguments the rules compare (tracer and profile agree)', () => {
    for (const probe of ARGUMENT_PROBES) expect(ARG_SLOTS[probe.syscall]?.length, probe.syscall).toBe(probe.values.length);
    for (const kind of ARG_RULE_KINDS)
      expect(
        ARGUMENT_PROBES.some((p) => p.syscall === kind.syscall),
        kind.syscall,
      ).toBe(true);
  });

  it('opens exactly the socket families and types used; other families get EAFNOSUPPORT', () => {
    const { profile } = build(INET);
    for (const f of [1, 2, 10]) expect(socketVerdict(profile, f).action).toBe('SCMP_ACT_ALLOW');
    for (const f of [0, 3, 9, 11, 15, 16, 17, 38, 40, 44, 45, 1000]) {
      expect(socketVerdict(profile, f), `family ${f}`).toMatchObject({ action: 'SCMP_ACT_ERRNO', errno: 97 });
    }
    // A used family with an unused type: the default, EPERM.
    expect(socketVerdict(profile, 2, 3)).toMatchObject({ action: 'SCMP_ACT_ERRNO', errno: 1 });
    // SOCK_NONBLOCK | SOCK_CLOEXEC do not matter.
    expect(socketVerdict(profile, 2, 1 | 0x800 | 0x80000).action).toBe('SCMP_ACT_ALLOW');
  });

  it('never puts two conditions on one argument, and no EAFNOSUPPORT rule overlaps an allow rule', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 8 }), (families) => {
        const { profile } = build(families.map((f) => ev('socket', [f, 1, 0])));
        for (const r of profile.syscalls) {
          const indices = (r.args ?? []).map((a) => a.index);
          expect(new Set(indices).size).toBe(indices.length);
        }
        for (let f = 0; f < 60; f++) {
          const v = socketVerdict(profile, f);
          const used = families.includes(f) && f < AF_MAX && f !== 38 && f !== 40;
          expect(v.action, `family ${f}`).toBe(used ? 'SCMP_ACT_ALLOW' : 'SCMP_ACT_ERRNO');
        }
      }),
    );
  });

  it('never allows a family past AF_MAX, which only the kernel refusal ever answered', () => {
    const { profile } = build([...INET, ev('socket', [0x7fffffff, 1, 0])]);
    expect(socketVerdict(profile, 0x7fffffff)).toMatchObject({ action: 'SCMP_ACT_ERRNO', errno: 97 });
    expect(profile.syscalls.filter((r) => r.names.includes('socket')).length).toBeLessThan(AF_MAX);
  });

  it("keeps Docker's floor: AF_ALG and AF_VSOCK stay closed even when used, and say so", () => {
    const { profile, argumentRules } = build([...INET, ev('socket', [38, 5, 0], [3], false)]);
    expect(socketVerdict(profile, 38, 5).action).toBe('SCMP_ACT_ERRNO');
    expect(argumentRules.find((o) => o.syscall === 'socket')?.refused.map((r) => r.call)).toEqual(['socket(AF_ALG, SOCK_SEQPACKET, 0)']);
  });

  it('restricts netlink and raw sockets by protocol too', () => {
    const { profile } = build([...INET, ev('socket', [16, 3, 0])]);
    expect(evaluateRecorded(profile, 'x86_64', 'socket', [16, 3, 0]).action).toBe('SCMP_ACT_ALLOW');
    expect(evaluateRecorded(profile, 'x86_64', 'socket', [16, 3, 12]).action).toBe('SCMP_ACT_ERRNO'); // NETLINK_NETFILTER
  });

  it("--args docker writes Docker's conditions only; none writes the same", () => {
    const docker = build(INET, 'docker').profile;
    expect(socketVerdict(docker, 16).action).toBe('SCMP_ACT_ALLOW');
    for (const f of [38, 40]) expect(socketVerdict(docker, f).action).toBe('SCMP_ACT_ERRNO');
    expect(evaluateRecorded(docker, 'x86_64', 'prctl', [22]).action).toBe('SCMP_ACT_ALLOW');
    expect(serializeProfile(build(INET, 'none').profile).replace(/"argumentRules": "none"/, '"argumentRules": "docker"')).toBe(
      serializeProfile(docker),
    );
  });

  it('allows small value sets exactly (32-bit compares), and falls back to the name past the limit', () => {
    const { profile, argumentRules } = build([ev('prctl', [15]), ev('prctl', [38]), ev('ioctl', [0x5421])]);
    expect(evaluateRecorded(profile, 'x86_64', 'prctl', [15]).action).toBe('SCMP_ACT_ALLOW');
    expect(evaluateRecorded(profile, 'x86_64', 'prctl', [22]).action).toBe('SCMP_ACT_ERRNO');
    // A sign-extended request is the same ioctl to the kernel, so it passes the masked compare.
    expect(evaluateCall(profile, 'x86_64', 'ioctl', new Map([[1, 0x5421]])).action).toBe('SCMP_ACT_ALLOW');
    expect(evaluateRecorded(profile, 'x86_64', 'ioctl', [0x5412]).action).toBe('SCMP_ACT_ERRNO'); // TIOCSTI
    const many = build(Array.from({ length: 40 }, (_, i) => ev('ioctl', [0x5400 + i])));
    expect(many.argumentRules.find((o) => o.syscall === 'ioctl')).toMatchObject({ basis: 'name-only', rules: [] });
    expect(many.profile.syscalls[0]!.names).toContain('ioctl');
    expect(argumentRules.find((o) => o.syscall === 'setsockopt')?.note).toMatch(/no setsockopt/);
  });

  it('refuses writable-and-executable memory with EACCES unless it was seen', () => {
    const { profile } = build([ev('mmap', [3]), ev('mmap', [5]), ev('mprotect', [1])]);
    for (const prot of [0, 1, 3, 5]) expect(evaluateRecorded(profile, 'x86_64', 'mmap', [prot]).action).toBe('SCMP_ACT_ALLOW');
    expect(evaluateRecorded(profile, 'x86_64', 'mmap', [7])).toMatchObject({ action: 'SCMP_ACT_ERRNO', errno: 13 });
    expect(evaluateRecorded(profile, 'x86_64', 'mprotect', [6])).toMatchObject({ action: 'SCMP_ACT_ERRNO', errno: 13 });
    const jit = build([ev('mmap', [7], [4], false)]);
    expect(evaluateRecorded(jit.profile, 'x86_64', 'mmap', [7]).action).toBe('SCMP_ACT_ALLOW');
    expect(jit.argumentRules.find((o) => o.syscall === 'mmap')?.note).toMatch(/JIT/);
  });

  it("allows personality only as used, within Docker's five", () => {
    const { profile, argumentRules } = build([ev('personality', [0xffffffff]), ev('personality', [0x400000], [2], false)]);
    expect(evaluateRecorded(profile, 'x86_64', 'personality', [0xffffffff]).action).toBe('SCMP_ACT_ALLOW');
    expect(evaluateRecorded(profile, 'x86_64', 'personality', [0]).action).toBe('SCMP_ACT_ERRNO');
    expect(evaluateRecorded(profile, 'x86_64', 'personality', [0x400000]).action).toBe('SCMP_ACT_ERRNO');
    expect(argumentRules.find((o) => o.syscall === 'personality')?.refused).toHaveLength(1);
  });

  it('marks values one unit alone needed as thin evidence', () => {
    const { argumentRules } = build(INET);
    const socket = argumentRules.find((o) => o.syscall === 'socket')!;
    expect(socket.allowed.map((a) => [a.call, a.thin])).toEqual([
      ['socket(AF_UNIX, SOCK_STREAM, *)', false],
      ['socket(AF_INET, SOCK_STREAM, *)', false],
      ['socket(AF_INET6, SOCK_STREAM, *)', true],
    ]);
    expect(socket.allowed[2]!.seenIn).toBe('unit 7');
  });

  it('gives the same bytes for the same evidence in any order', () => {
    const evidence = [...INET, ev('prctl', [15]), ev('ioctl', [0x5421]), ev('mmap', [5]), ev('setsockopt', [6, 1])];
    fc.assert(
      fc.property(fc.shuffledSubarray(evidence, { minLength: evidence.length, maxLength: evidence.length }), (shuffled) => {
        expect(serializeProfile(build(shuffled).profile)).toBe(serializeProfile(build(evidence).profile));
      }),
    );
  });

  it('merges evidence across runs: tuples unioned, units merged', () => {
    const merged = mergeEvidence([[ev('socket', [2, 1, 0], [3], false)], [ev('socket', [2, 1, 0], [1], true), ev('socket', [16, 3, 0])]]);
    expect(merged).toEqual([{ syscall: 'socket', values: [2, 1, 0], units: [1, 3], startup: true, shutdown: false }, ev('socket', [16, 3, 0])]);
  });

  it('merges profiles of two runs into one that opens the families of both', () => {
    const a = build([ev('socket', [1, 1, 0]), ev('socket', [2, 1, 0])]).profile;
    const b = build([ev('socket', [2, 1, 0]), ev('socket', [10, 1, 0])]).profile;
    const m = mergeProfiles([
      { source: 'a', profile: a },
      { source: 'b', profile: b },
    ]);
    for (const f of [1, 2, 10]) expect(socketVerdict(m, f).action, `family ${f}`).toBe('SCMP_ACT_ALLOW');
    for (const f of [16, 17, 38, 40]) expect(socketVerdict(m, f).action, `family ${f}`).toBe('SCMP_ACT_ERRNO');
  });

  it('a merged profile still answers EAFNOSUPPORT for every family no run used, and keeps W^X', () => {
    const families = fc.uniqueArray(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(families, families, (fa, fb) => {
        const a = build([...fa.map((f) => ev('socket', [f, 1, 0])), ev('mmap', [3])]).profile;
        const b = build([...fb.map((f) => ev('socket', [f, 1, 0])), ev('mmap', [5])]).profile;
        const m = mergeProfiles([
          { source: 'a', profile: a },
          { source: 'b', profile: b },
        ]);
        const socketRules = m.syscalls.filter((r) => r.names.includes('socket'));
        const allows = socketRules.filter((r) => r.action === 'SCMP_ACT_ALLOW');
        for (const deny of socketRules.filter((r) => r.action !== 'SCMP_ACT_ALLOW')) {
          for (const allow of allows) expect(conditionsDisjoint(deny.args ?? [], allow.args ?? [])).toBe(true);
        }
        for (let f = 0; f < 60; f++) {
          const used = (fa.includes(f) || fb.includes(f)) && f < AF_MAX && f !== 38 && f !== 40;
          expect(socketVerdict(m, f), `family ${f}`).toMatchObject(used ? { action: 'SCMP_ACT_ALLOW' } : { action: 'SCMP_ACT_ERRNO', errno: 97 });
        }
        expect(evaluateCall(m, 'x86_64', 'mmap', new Map([[2, 7]]))).toMatchObject({ action: 'SCMP_ACT_ERRNO', errno: 13 });
        expect(evaluateCall(m, 'x86_64', 'mmap', new Map([[2, 5]])).action).toBe('SCMP_ACT_ALLOW');
      }),
    );
  });

  it('merging with a run that needed writable and executable memory allows it plainly', () => {
    const a = build([ev('mmap', [3])]).profile;
    const jit = build([ev('mmap', [7])]).profile;
    const m = mergeProfiles([
      { source: 'a', profile: a },
      { source: 'jit', profile: jit },
    ]);
    expect(evaluateCall(m, 'x86_64', 'mmap', new Map([[2, 7]])).action).toBe('SCMP_ACT_ALLOW');
    expect(m.syscalls.filter((r) => r.names.includes('mmap'))).toHaveLength(1);
  });

  it('uses only Docker conditions for a name also used through the i386 ABI, and refuses socketcall', () => {
    const { profile, argumentRules } = buildProfileWithRules({
      observed: [...x('read', 'socket'), { abi: 'i386', name: 'socket' }, { abi: 'i386', name: 'socketcall' }],
      arguments: INET,
      provenance,
    });
    expect(argumentRules.find((o) => o.syscall === 'socket')?.basis).toBe('docker');
    expect(profile.syscalls.find((r) => r.names.includes('socketcall'))).toMatchObject({ action: 'SCMP_ACT_ERRNO', errnoRet: 38 });
  });
});

describe('argument rules in every format', () => {
  const { profile } = buildProfileWithRules({
    observed: NAMES,
    arguments: [...INET, ev('ioctl', [0x5421]), ev('mmap', [5]), ev('setsockopt', [6, 1])],
    provenance,
  });
  const semantics = (p: { syscalls: readonly { names: readonly string[]; action: string; errnoRet?: number; args?: readonly unknown[] }[] }) =>
    p.syscalls.map((r) => ({ names: r.names, action: r.action, errnoRet: r.errnoRet, args: r.args }));

  for (const name of PROFILE_FORMAT_NAMES) {
    it(`${name}: renders every condition and errno, and reads back the same rules`, () => {
      const format = PROFILE_FORMATS[name];
      const text = format.render(profile);
      expect(text).toContain(name === 'k8s' ? 'SCMP_CMP_MASKED_EQ' : '"SCMP_CMP_MASKED_EQ"');
      expect(semantics(format.parse(text, `seccomp.${name}`))).toEqual(semantics(profile));
      // Same profile, same bytes.
      expect(format.render(profile)).toBe(text);
    });
  }
});

describe('flags the tracer does not record', () => {
  it('socketpair compares the type without SOCK_NONBLOCK and SOCK_CLOEXEC, as socket does', () => {
    const { profile } = buildProfileWithRules({ observed: NAMES, arguments: [ev('socketpair', [1, 1, 0])], provenance });
    const call = (type: number) =>
      evaluateCall(
        profile,
        'x86_64',
        'socketpair',
        new Map([
          [0, 1],
          [1, type],
        ]),
      ).action;
    expect(call(1 | 0x80000)).toBe('SCMP_ACT_ALLOW'); // libuv's pipes: SOCK_STREAM | SOCK_CLOEXEC
    expect(call(2)).toBe('SCMP_ACT_ERRNO');
  });
});
