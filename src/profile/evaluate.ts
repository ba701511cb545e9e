import type { Abi } from '../syscalls/index.js';
import { SECCOMP_ARCH } from '../syscalls/index.js';
import { argumentVector } from './args/slots.js';
import type { SeccompAction, SeccompArg, SeccompProfile, SeccompRule } from './seccomp.js';

/** What a profile does with one call: its action, or 'unknown' when it depends on unrecorded arguments. */
export type Verdict = { readonly action: SeccompAction; readonly errno?: number; readonly rule?: SeccompRule } | { readonly action: 'unknown' };

/**
 * How a runtime (runc with libseccomp 2.5) treats a call with these argument values, as measured
 * here: a rule for the name without conditions decides, whatever conditional rules say; otherwise
 * the first rule whose conditions all hold; otherwise the default. Docker's includes/excludes are
 * not evaluated (callers that need them resolve them first). Pure.
 */
export function evaluateCall(profile: SeccompProfile, abi: Abi, name: string, args: ReadonlyMap<number, number>): Verdict {
  if (profile.architectures && !profile.architectures.includes(SECCOMP_ARCH[abi])) return { action: 'SCMP_ACT_KILL' };
  const rules = profile.syscalls.filter((r) => r.names.includes(name));
  const plain = rules.find((r) => !r.args || r.args.length === 0);
  if (plain) return verdictOf(plain);
  let unknown = false;
  for (const rule of rules) {
    const holds = rule.args!.map((a) => holdsFor(a, args));
    if (holds.every((h) => h === true)) return verdictOf(rule);
    if (holds.includes(undefined) && !holds.includes(false)) unknown = true;
  }
  if (unknown) return { action: 'unknown' };
  return { action: profile.defaultAction, ...(profile.defaultErrnoRet !== undefined ? { errno: profile.defaultErrnoRet } : {}) };
}

/** evaluateCall for a recorded argument tuple (values in the tracer's order). */
export function evaluateRecorded(profile: SeccompProfile, abi: Abi, syscall: string, values: readonly number[]): Verdict {
  return evaluateCall(profile, abi, syscall, argumentVector(syscall, values));
}

function verdictOf(rule: SeccompRule): Verdict {
  return { action: rule.action, ...(rule.errnoRet !== undefined ? { errno: rule.errnoRet } : {}), rule };
}

/** Whether one condition holds; undefined when the argument was not recorded. Values compare as u64. */
function holdsFor(a: SeccompArg, args: ReadonlyMap<number, number>): boolean | undefined {
  const raw = args.get(a.index);
  if (raw === undefined) return undefined;
  const v = BigInt(raw);
  const value = BigInt(a.value);
  const two = BigInt(a.valueTwo ?? 0);
  switch (a.op) {
    case 'SCMP_CMP_EQ':
      return v === value;
    case 'SCMP_CMP_NE':
      return v !== value;
    case 'SCMP_CMP_LT':
      return v < value;
    case 'SCMP_CMP_LE':
      return v <= value;
    case 'SCMP_CMP_GT':
      return v > value;
    case 'SCMP_CMP_GE':
      return v >= value;
    case 'SCMP_CMP_MASKED_EQ':
      return (v & value) === two;
  }
}
