import { ENOSYS } from './build.js';
import type { SeccompAction, SeccompArch, SeccompArchMapEntry, SeccompProfile, SeccompRule } from './seccomp.js';

/**
 * Complain mode: the same profile for a first deployment, logging what it would deny instead of
 * denying it. Each such call becomes a kernel audit record (type 1326, SECCOMP_RET_LOG) that
 * `sandfuzz audit` reads back; the container keeps working meanwhile.
 */

/** Actions that stop a syscall; complain mode logs them instead. */
const DENYING: ReadonlySet<SeccompAction> = new Set<SeccompAction>([
  'SCMP_ACT_ERRNO',
  'SCMP_ACT_KILL',
  'SCMP_ACT_KILL_PROCESS',
  'SCMP_ACT_KILL_THREAD',
  'SCMP_ACT_TRAP',
]);
// SCMP_ACT_TRACE and SCMP_ACT_NOTIFY are left alone: they hand the call to a tracer or an agent
// the operator set up on purpose, which is not a denial this mode can stand in for.

/**
 * The x86 sub-ABIs a complain profile must list beside x86_64. A call through an ABI the filter
 * does not list is killed (SIGSYS) by libseccomp's bad-arch action whatever defaultAction says
 * (measured: an int 0x80 socketcall under defaultAction LOG died with sig=31), so listing them is
 * what turns those kills into log records.
 */
const X86_64_SUB_ARCHES: readonly SeccompArch[] = ['SCMP_ARCH_X86', 'SCMP_ARCH_X32'];

/**
 * The complain-mode copy of a profile: defaultAction SCMP_ACT_LOG, every denying rule turned into
 * a LOG rule with the same names and args, the clone3 ENOSYS rule kept (it is functional, not a
 * denial: glibc falls back to clone only on ENOSYS, and clone is what the profile allows), the
 * x86 sub-ABIs enabled beside x86_64, and `mode: 'complain'` in the provenance. Pure, and
 * idempotent; rule and architecture order follow the input.
 */
export function complainProfile(profile: SeccompProfile): SeccompProfile {
  const { defaultErrnoRet: _dropped, ...rest } = profile;
  return dropUndefined({
    ...rest,
    defaultAction: 'SCMP_ACT_LOG',
    architectures: profile.architectures && withSubArches(profile.architectures),
    archMap: profile.archMap?.map(archMapEntry),
    syscalls: profile.syscalls.flatMap(complainRule),
    // A hand-written profile without provenance gets none: `tool: 'sandfuzz'` would claim it was mined.
    sandfuzz: profile.sandfuzz && { ...profile.sandfuzz, mode: 'complain' },
  });
}

/** True for the functional clone3 rule: ERRNO with ENOSYS. */
function isClone3Fallback(rule: SeccompRule): boolean {
  return rule.action === 'SCMP_ACT_ERRNO' && rule.errnoRet === ENOSYS && rule.names.includes('clone3');
}

function complainRule(rule: SeccompRule): SeccompRule[] {
  if (!DENYING.has(rule.action)) return [rule];
  if (isClone3Fallback(rule)) {
    // Only clone3 answers ENOSYS on purpose; other names sharing the rule are ordinary denials.
    const others = rule.names.filter((n) => n !== 'clone3');
    if (others.length === 0) return [rule];
    return [{ ...rule, names: ['clone3'] }, toLog({ ...rule, names: others })];
  }
  return [toLog(rule)];
}

function toLog(rule: SeccompRule): SeccompRule {
  const { errnoRet: _dropped, ...rest } = rule;
  return { ...rest, action: 'SCMP_ACT_LOG' };
}

function withSubArches(arches: readonly SeccompArch[]): readonly SeccompArch[] {
  if (!arches.includes('SCMP_ARCH_X86_64')) return arches;
  return [...arches, ...X86_64_SUB_ARCHES.filter((a) => !arches.includes(a))];
}

/** Docker's archMap form (its own default profile uses it): the same rule, on subArchitectures. */
function archMapEntry(entry: SeccompArchMapEntry): SeccompArchMapEntry {
  if (entry.architecture !== 'SCMP_ARCH_X86_64') return entry;
  const subs = entry.subArchitectures;
  return { ...entry, subArchitectures: [...subs, ...X86_64_SUB_ARCHES.filter((a) => !subs.includes(a))] };
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
