import { wilsonInterval } from '../engine/estimators.js';
import type { EnforcementResult } from '../proof/replay-check.js';
import type { UnitRecord } from '../engine/session.js';

/** The empirical false-positive rate of a profile on units mining never ran. */
export interface HoldoutSummary {
  readonly share: number;
  readonly heldOut: number;
  readonly replayed: number;
  /** Replayed units the profile broke: a syscall it would block, or a different answer. */
  readonly failures: number;
  readonly rate: number;
  readonly ci95: readonly [number, number];
  /** Each broken unit: why, in words, and the syscalls (`abi:name`) it would have had blocked. */
  readonly failing: ReadonlyArray<{ index: number; description: string; reason: string; blocks: string[] }>;
}

/** Counts the held-out units the profile broke in a replay check that included them. Pure. */
export function summariseHoldout(share: number, heldOut: number, replayed: readonly UnitRecord[], check: EnforcementResult): HoldoutSummary {
  const failing: Array<{ index: number; description: string; reason: string; blocks: string[] }> = [];
  for (const unit of replayed) {
    const blocks = check.wouldBlock.filter((b) => b.unit === unit.index).map((b) => b.syscall);
    const differs = check.mismatches.some((m) => m.index === unit.index) ? ['answer differs under the profile'] : [];
    const reasons = [...blocks.map((b) => `would block ${b}`), ...differs];
    if (reasons.length > 0) failing.push({ index: unit.index, description: unit.description, reason: reasons.join('; '), blocks });
  }
  const n = replayed.length;
  return {
    share,
    heldOut,
    replayed: n,
    failures: failing.length,
    rate: n === 0 ? 0 : failing.length / n,
    ci95: wilsonInterval(failing.length, n),
    failing,
  };
}
