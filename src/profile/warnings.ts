import { HIGH_RISK_SYSCALLS } from '../syscalls/high-risk.js';
import type { ArgRuleOutcome } from './args/index.js';
import { evaluateCall } from './evaluate.js';
import { allowedSyscalls } from './diff.js';
import { isPermissive, type SeccompProfile } from './seccomp.js';

/** Something dangerous the profile allows, why it matters, and what needed it. */
export interface ProfileWarning {
  /** A syscall name or a call with arguments, e.g. 'ptrace' or 'socket(AF_PACKET, SOCK_RAW)'. */
  readonly allows: string;
  readonly why: string;
  /** What made it necessary: 'start-up', 'unit 41 (...)', or undefined when unknown. */
  readonly neededBy?: string;
}

/** Argument values that open dangerous kernel code, checked against the profile's own rules. */
const DANGEROUS_CALLS: ReadonlyArray<{ allows: string; name: string; args: ReadonlyMap<number, number>; why: string }> = [
  {
    allows: 'socket(AF_PACKET, SOCK_RAW)',
    name: 'socket',
    args: new Map([
      [0, 17],
      [1, 3],
      [2, 0x0300],
    ]),
    why: 'raw packet sockets: sniffing and spoofing on the host network, escapes like CVE-2017-7308 and CVE-2020-14386',
  },
  {
    allows: 'socket(AF_INET, SOCK_RAW)',
    name: 'socket',
    args: new Map([
      [0, 2],
      [1, 3],
      [2, 1],
    ]),
    why: 'raw IP sockets: forged packets on the container network',
  },
  {
    allows: 'socket(AF_ALG)',
    name: 'socket',
    args: new Map([
      [0, 38],
      [1, 5],
      [2, 0],
    ]),
    why: 'the kernel crypto API from userspace: CVE-2026-31431 "Copy Fail"',
  },
  {
    allows: 'ioctl(TIOCSTI)',
    name: 'ioctl',
    args: new Map([[1, 0x5412]]),
    why: "pushes input into a terminal: commands typed into the operator's shell (CVE-2017-5226)",
  },
];

/**
 * The dangerous things a profile still allows, each with what needed it: high-risk syscall names
 * (unless an argument rule confines them), dangerous argument values, and argument rules that
 * could not be applied (namespace-creating clone, writable executable memory). Pure.
 */
export function profileWarnings(
  profile: SeccompProfile,
  outcomes: readonly ArgRuleOutcome[],
  neededBy: (name: string) => string | undefined,
): ProfileWarning[] {
  const allowed = new Set(allowedSyscalls(profile));
  const confined = new Set(outcomes.filter((o) => o.basis !== 'name-only').map((o) => o.syscall));
  const warnings: ProfileWarning[] = [];
  for (const h of HIGH_RISK_SYSCALLS) {
    if (!allowed.has(h.name) || confined.has(h.name)) continue;
    warnings.push({ allows: h.name, why: h.why, ...optional(neededBy(h.name)) });
  }
  for (const c of DANGEROUS_CALLS) {
    if (!allowed.has(c.name)) continue;
    const verdict = evaluateCall(profile, 'x86_64', c.name, c.args);
    if (verdict.action === 'unknown' || !isPermissive(verdict.action)) continue;
    const outcome = outcomes.find((o) => o.syscall === c.name);
    const seen = outcome?.basis === 'mined' ? outcome.allowed.find((a) => a.call.startsWith(c.allows.replace(/\)$/, '')))?.seenIn : undefined;
    warnings.push({ allows: c.allows, why: c.why, ...optional(seen ?? neededBy(c.name)) });
  }
  for (const o of outcomes) {
    if (o.syscall === 'clone' && o.basis === 'name-only' && o.note) {
      warnings.push({
        allows: 'clone with namespace flags',
        why: 'creates namespaces: user namespaces expose kernel code otherwise reachable only by root',
        ...optional(o.allowed[0]?.seenIn),
      });
    }
    if (o.syscall === 'mmap' && o.basis === 'name-only' && o.allowed.length > 0) {
      warnings.push({
        allows: 'writable and executable memory',
        why: 'W^X is off: injected code can be written and run in place',
        ...optional(o.allowed[0]?.seenIn),
      });
    }
  }
  return warnings;
}

function optional(neededBy: string | undefined): { neededBy?: string } {
  return neededBy === undefined ? {} : { neededBy };
}
