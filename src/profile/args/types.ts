import type { SeccompRule } from '../seccomp.js';
import type { ArgumentEvidence } from './evidence.js';

/**
 * How argument rules are chosen. `mined`: only the values the container used (within Docker's
 * conditions). `docker`: Docker's own conditions only. `none`: no rules of sandfuzz's own; since a
 * sandfuzz profile is never looser than Docker's default, Docker's conditions still apply, so it
 * writes what `docker` writes (kept as a name for what users mean by it).
 */
export const ARGS_MODES = ['mined', 'docker', 'none'] as const;
export type ArgsMode = (typeof ARGS_MODES)[number];

/** One allowed value (tuple) of an argument rule, for the report. */
export interface AllowedValue {
  /** The call as text, e.g. `socket(AF_INET, SOCK_STREAM, 0)`. */
  readonly call: string;
  /** Where mining saw it ('start-up, units 3, 41'); absent for Docker's own conditions. */
  readonly seenIn?: string;
  /** Needed by one unit only. */
  readonly thin?: boolean;
}

/** What one syscall's argument rules are, and why. */
export interface ArgRuleOutcome {
  readonly syscall: string;
  /** Rules replacing the plain allow of the name; none means the name stays plainly allowed. */
  readonly rules: readonly SeccompRule[];
  /** Where the condition comes from. */
  readonly basis: 'mined' | 'docker' | 'name-only';
  readonly allowed: readonly AllowedValue[];
  /** Values the container used that Docker's default refuses, so the profile refuses them too. */
  readonly refused: readonly AllowedValue[];
  /** What an argument outside the rule gets. */
  readonly blockedErrno?: number;
  /** Why the rule is what it is, when that is not obvious (too many values, no evidence...). */
  readonly note?: string;
}

/** One syscall's rule builder: evidence in, rules out. Pure. */
export interface ArgRuleKind {
  readonly syscall: string;
  /** What the rule restricts, for help and the report. */
  readonly restricts: string;
  build(evidence: readonly ArgumentEvidence[], mode: ArgsMode): ArgRuleOutcome;
  /**
   * The deny rules that go with a union of allow rules (several runs merged), when they depend on
   * what is allowed (socket: the families nobody used); undefined when the allows are not this
   * kind's own. Kinds without it keep each run's deny rules that cannot overlap the union.
   */
  denyRulesFor?(allows: readonly SeccompRule[]): SeccompRule[] | undefined;
}

/** The outcome that leaves a name plainly allowed, saying why when that is not obvious. */
export function nameOnly(syscall: string, note?: string, allowed: readonly AllowedValue[] = []): ArgRuleOutcome {
  return { syscall, rules: [], basis: 'name-only', allowed, refused: [], ...(note ? { note } : {}) };
}

export const EPERM = 1;
export const EACCES = 13;
export const EAFNOSUPPORT = 97;

/** A 32-bit argument equal to v: the kernel truncates int arguments, so the high half is masked off. */
export function low32Equals(index: number, v: number): { index: number; value: number; valueTwo: number; op: 'SCMP_CMP_MASKED_EQ' } {
  return { index, value: 0xffffffff, valueTwo: v, op: 'SCMP_CMP_MASKED_EQ' };
}
