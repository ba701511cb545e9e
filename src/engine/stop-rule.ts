/** What the stop rule looks at after each unit. */
export interface ExplorationState {
  readonly elapsedMs: number;
  readonly unitsRun: number;
  /** Elapsed time and unit count at the last new syscall (0 and 0 if only start-up found some). */
  readonly lastFindMs: number;
  readonly lastFindUnit: number;
  /** Lifecycle actions not run yet: the rule never calls a plateau before each has run once. */
  readonly lifecyclePending: number;
}

export type StopReason = 'plateau' | 'budget' | 'interrupted';

export interface PlateauRule {
  /** No new syscall for this long... */
  readonly windowMs: number;
  /** ...and for at least this many units. */
  readonly windowUnits: number;
  /** Total mining budget. */
  readonly maxTimeMs: number;
}

/** Decides whether exploration should stop; null means keep going. Pure. */
export function shouldStop(rule: PlateauRule, s: ExplorationState): StopReason | null {
  if (s.elapsedMs >= rule.maxTimeMs) return 'budget';
  const quietMs = s.elapsedMs - s.lastFindMs;
  const quietUnits = s.unitsRun - s.lastFindUnit;
  if (s.lifecyclePending === 0 && quietMs >= rule.windowMs && quietUnits >= rule.windowUnits) return 'plateau';
  return null;
}
