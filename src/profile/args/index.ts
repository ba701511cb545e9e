import type { SeccompRule } from '../seccomp.js';
import { cloneKind } from './clone.js';
import { type ArgumentEvidence, evidenceOf } from './evidence.js';
import { personalityKind } from './personality.js';
import { smallSetKind } from './small-set.js';
import { socketKind } from './socket.js';
import type { ArgRuleKind, ArgRuleOutcome, ArgsMode } from './types.js';
import { wxKind } from './wx.js';

export { type ArgumentEvidence, mergeEvidence } from './evidence.js';
export { ARGS_MODES, type AllowedValue, type ArgRuleOutcome, type ArgsMode } from './types.js';
export { CLONE_NAMESPACE_MASK } from './clone.js';
export { DOCKER_FLOOR } from './floor.js';

/**
 * Every argument rule sandfuzz writes, one per syscall, in name order. Hot syscalls (read, write,
 * epoll_*, futex, sendfile...) are deliberately absent: a syscall with an argument rule leaves
 * the kernel's seccomp action cache (Linux 5.11+) and runs the filter on every call.
 */
export const ARG_RULE_KINDS: readonly ArgRuleKind[] = Object.freeze([
  cloneKind,
  smallSetKind('getsockopt', [{ index: 1 }, { index: 2 }], 32, 'level and option name'),
  smallSetKind('ioctl', [{ index: 1 }], 32, 'request'),
  wxKind('mmap', 2),
  wxKind('mprotect', 2),
  personalityKind,
  wxKind('pkey_mprotect', 2),
  smallSetKind('prctl', [{ index: 0 }], 24, 'option'),
  smallSetKind('setsockopt', [{ index: 1 }, { index: 2 }], 32, 'level and option name'),
  socketKind,
  smallSetKind('socketpair', [{ index: 0 }, { index: 1, mask: 0xf }], 8, 'family and type'),
]);

/**
 * The argument rules of the allowed names that have a kind. A name also used through another
 * ABI (i386) gets Docker's conditions only: the tracer records native arguments only, so mined
 * values would say nothing about those calls.
 */
export function argumentRules(
  allowed: ReadonlySet<string>,
  evidence: readonly ArgumentEvidence[],
  mode: ArgsMode,
  usedByOtherAbi: ReadonlySet<string> = new Set(),
): ArgRuleOutcome[] {
  return ARG_RULE_KINDS.filter((k) => allowed.has(k.syscall)).map((kind) => {
    const foreign = usedByOtherAbi.has(kind.syscall);
    const outcome = kind.build(evidenceOf(evidence, kind.syscall), foreign ? 'docker' : mode);
    return foreign ? { ...outcome, note: "also used through a non-native ABI, whose arguments are not traced: Docker's conditions only" } : outcome;
  });
}

/** Whether an outcome leaves its name in the plain allow rule (no conditions at all). */
export function staysPlain(o: ArgRuleOutcome): boolean {
  return o.rules.length === 0 && o.basis === 'name-only';
}

export function rulesOf(outcomes: readonly ArgRuleOutcome[]): SeccompRule[] {
  return outcomes.flatMap((o) => o.rules);
}
