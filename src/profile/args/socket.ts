import { AF, AF_MAX, describeCall, SOCK, socketFamilyName } from '../../syscalls/arg-names.js';
import type { SeccompRule } from '../seccomp.js';
import { type ArgumentEvidence, isThin, seenIn } from './evidence.js';
import { DOCKER_FLOOR, dockerRefusesFamily } from './floor.js';
import { type ArgRuleKind, type ArgRuleOutcome, EAFNOSUPPORT } from './types.js';

/**
 * socket(2) by family and type (and by protocol where the protocol picks the kernel code: netlink
 * subsystems, raw sockets). A family the container never used answers EAFNOSUPPORT, what a kernel
 * built without that family answers, so software that probes for a family (IPv6, netlink) takes
 * its fallback; EPERM would read as "forbidden" and some give up. A used family with an unused
 * type gets the profile's default (EPERM).
 *
 * Each rule has one condition per argument: libseccomp mishandles two conditions on the same
 * argument, and a rule without conditions overrides every conditional rule of the same syscall
 * (both measured with runc here), so the EAFNOSUPPORT rules cover exactly the unused families,
 * with single LT, EQ and GT conditions, never overlapping an allow rule.
 */
export const socketKind: ArgRuleKind = {
  syscall: 'socket',
  restricts: 'address family, type and (netlink, raw) protocol',
  build(evidence, mode) {
    if (mode !== 'mined' || evidence.length === 0) return dockerSocketRules(mode === 'mined' ? 'no socket() arguments were recorded' : undefined);
    // A family past AF_MAX never opened anything (the kernel answered EAFNOSUPPORT, as the rule
    // above the last used family will): allowing it would only widen the profile.
    const used = evidence.filter((e) => !dockerRefusesFamily(e.values[0]!) && e.values[0]! < AF_MAX);
    const refused = evidence.filter((e) => dockerRefusesFamily(e.values[0]!));
    const allows = new Map<string, { rule: SeccompRule; evidence: ArgumentEvidence[] }>();
    for (const e of used) {
      const [family, type, protocol] = e.values as [number, number, number];
      const byProtocol = family === AF.NETLINK || type === SOCK.RAW || type === SOCK.PACKET;
      const key = byProtocol ? `${family}:${type}:${protocol}` : `${family}:${type}`;
      const entry = allows.get(key) ?? { rule: allowRule(family, type, byProtocol ? protocol : undefined), evidence: [] };
      entry.evidence.push(e);
      allows.set(key, entry);
    }
    const families = [...new Set(used.map((e) => e.values[0]!))].sort((a, b) => a - b);
    const rules = [...allows.values()].map((a) => a.rule);
    if (families.length > 0) rules.push(...unusedFamilyRules(families));
    return {
      syscall: 'socket',
      rules: rules.length > 0 ? rules : unusedFamilyRules([]),
      basis: 'mined',
      allowed: [...allows.values()].map(({ rule, evidence: es }) => ({
        call: rule.comment!,
        seenIn: es.map(seenIn).join('; '),
        thin: es.every(isThin) && es.flatMap((e) => e.units).length <= 1,
      })),
      refused: refused.map((e) => ({ call: describeCall('socket', e.values), seenIn: seenIn(e), thin: isThin(e) })),
      blockedErrno: EAFNOSUPPORT,
    };
  },
  denyRulesFor(allows) {
    const families = allows.map((r) => r.args?.find((a) => a.index === 0 && a.op === 'SCMP_CMP_EQ')?.value);
    if (families.length === 0 || families.some((f) => f === undefined)) return undefined;
    return unusedFamilyRules([...new Set(families as number[])].sort((a, b) => a - b));
  },
};

function allowRule(family: number, type: number, protocol: number | undefined): SeccompRule {
  const call = describeCall('socket', [family, type, protocol ?? 0]);
  return {
    names: ['socket'],
    action: 'SCMP_ACT_ALLOW',
    args: [
      { index: 0, value: family, op: 'SCMP_CMP_EQ' },
      // SOCK_TYPE_MASK: the type without SOCK_NONBLOCK and SOCK_CLOEXEC.
      { index: 1, value: 0xf, valueTwo: type, op: 'SCMP_CMP_MASKED_EQ' },
      ...(protocol === undefined ? [] : [{ index: 2, value: protocol, op: 'SCMP_CMP_EQ' as const }]),
    ],
    comment: protocol === undefined ? call.replace(/, [^,]*\)$/, ', *)') : call,
  };
}

/** EAFNOSUPPORT for every family not in `used` (sorted): below, between and above them. */
export function unusedFamilyRules(used: readonly number[]): SeccompRule[] {
  const deny = (arg: SeccompRule['args']): SeccompRule => ({
    names: ['socket'],
    action: 'SCMP_ACT_ERRNO',
    errnoRet: EAFNOSUPPORT,
    args: arg,
    comment: 'address families the container never used: EAFNOSUPPORT, as from a kernel without them',
  });
  if (used.length === 0) {
    const { args: _none, ...all } = deny(undefined);
    return [all];
  }
  const rules: SeccompRule[] = [];
  if (used[0]! > 0) rules.push(deny([{ index: 0, value: used[0]!, op: 'SCMP_CMP_LT' }]));
  for (let i = 0; i + 1 < used.length; i++) {
    for (let f = used[i]! + 1; f < used[i + 1]!; f++) rules.push(deny([{ index: 0, value: f, op: 'SCMP_CMP_EQ' }]));
  }
  rules.push(deny([{ index: 0, value: used.at(-1)!, op: 'SCMP_CMP_GT' }]));
  return rules;
}

function dockerSocketRules(note: string | undefined): ArgRuleOutcome {
  return {
    syscall: 'socket',
    rules: DOCKER_FLOOR.socketRules.map((args) => ({
      names: ['socket'],
      action: 'SCMP_ACT_ALLOW' as const,
      args,
      comment: "Docker's default: every family but AF_ALG and AF_VSOCK",
    })),
    basis: 'docker',
    allowed: [{ call: `socket(any family but ${DOCKER_FLOOR.refusedSocketFamilies.map(socketFamilyName).join(', ')})` }],
    refused: [],
    ...(note ? { note } : {}),
  };
}
