import type { IncidenceEstimates } from './estimators.js';

/** What the stop rule looks at after each unit. */
export interface ExplorationState {
  readonly elapsedMs: number;
  readonly estimates: IncidenceEstimates;
  /**
   * Lifecycle actions not done yet (session.ts, LifecycleChecklist: each runs until a repeat adds
   * nothing new): the rule never calls saturation before the checklist is complete.
   */
  readonly lifecyclePending: number;
  /** Finds still waiting for their confirmation replay. */
  readonly unconfirmed: number;
}

export type StopReason = 'saturated' | 'budget';

export interface StopRule {
  /** Stop once the Good-Turing discovery probability is below this... */
  readonly discoveryThreshold: number;
  /** ...and Chao2 estimates fewer than this many syscalls unseen... */
  readonly maxUnseen: number;
  /** ...and at least this many sampling units ran (with few units, Q1 = 0 says little). */
  readonly minUnits: number;
  /** Total mining budget. */
  readonly maxTimeMs: number;
}

/**
 * Decides whether exploration should stop (STADS, Böhme 2018); null means keep going. Pure.
 * Two strata: the estimates are the workload units' (without what other steps already used,
 * estimators.ts withoutKnown), and the lifecycle actions are a checklist that must be complete.
 */
export function shouldStop(rule: StopRule, s: ExplorationState): StopReason | null {
  if (s.elapsedMs >= rule.maxTimeMs) return 'budget';
  const e = s.estimates;
  const saturated =
    e.units >= rule.minUnits &&
    e.discoveryProbability < rule.discoveryThreshold &&
    e.unseen < rule.maxUnseen &&
    s.lifecyclePending === 0 &&
    s.unconfirmed === 0;
  return saturated ? 'saturated' : null;
}
