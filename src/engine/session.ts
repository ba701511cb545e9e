import type { LifecycleAction } from '../../targets/types.js';

/** One step of a mining session, as recorded for the report, the corpus and the replay. */
export type UnitRecord = WorkloadRecord | LifecycleRecord;

/**
 * 'sample': a unit of the exploration, counted by the stop rule's estimators.
 * 'confirm': a replay of an earlier unit that checks a find was that unit's own, not counted.
 */
export type RecordRole = 'sample' | 'confirm';

/** How a workload unit came about. */
export type UnitOrigin = 'stream' | 'generate' | 'mutate';

interface RecordBase {
  /** 1-based position in the session. */
  readonly index: number;
  /** Tracer epoch the step ran in. */
  readonly epoch: number;
  readonly role: RecordRole;
  readonly family: string;
  readonly description: string;
  /** Milliseconds since mining started. */
  readonly startedMs: number;
  readonly durationMs: number;
  /** For a confirmation: the index of the step it replays. */
  readonly replayOf?: number;
  /**
   * The server died during this step: the number of its crash (crashes/<n>.json). Its syscalls
   * count, but it is never replayed: not to confirm a find, nor in the proof, where it would
   * kill the server again.
   */
  readonly crashed?: number;
}

export interface WorkloadRecord extends RecordBase {
  readonly kind: 'workload';
  readonly generator: string;
  readonly origin: UnitOrigin;
  /** The unit itself (plain JSON), replayable with the generator. */
  readonly unit: unknown;
  readonly answers: readonly string[];
}

export interface LifecycleRecord extends RecordBase {
  readonly kind: 'lifecycle';
  readonly action: LifecycleAction;
  /** Whether the server answered as healthy again afterwards. */
  readonly healthyAfter: boolean;
  /** An optional action the server did not survive: it was restarted, and the action dropped. */
  readonly dropped?: boolean;
  readonly detail: string;
}

/** Epoch of everything before the first unit: container start-up (and readiness probes). */
export const STARTUP_EPOCH = 0;

/**
 * Decides whether sample number `n` (1-based) is a lifecycle event. After a warm-up, a first pass
 * runs every action soon (they are the known rare paths: the sooner seen, the sooner saturated),
 * then they come back in turn, less often, so the stop rule sees each more than once.
 */
export function lifecycleAt(
  n: number,
  actions: readonly LifecycleAction[],
  schedule: { warmupUnits: number; firstPassEvery: number; everyUnits: number } = { warmupUnits: 5, firstPassEvery: 4, everyUnits: 10 },
): LifecycleAction | undefined {
  if (actions.length === 0 || n < schedule.warmupUnits) return undefined;
  const offset = n - schedule.warmupUnits;
  const firstPassEnd = actions.length * schedule.firstPassEvery;
  if (offset < firstPassEnd) return offset % schedule.firstPassEvery === 0 ? actions[offset / schedule.firstPassEvery] : undefined;
  const later = offset - firstPassEnd;
  if (later % schedule.everyUnits !== schedule.everyUnits - 1) return undefined;
  return actions[Math.floor(later / schedule.everyUnits) % actions.length];
}
