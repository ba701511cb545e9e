import type { LifecycleAction } from '../../targets/types.js';

/** One step of a mining session, as recorded for the report, the corpus and the replay. */
export type UnitRecord = WorkloadRecord | LifecycleRecord;

interface RecordBase {
  /** 1-based position in the session; also the tracer epoch the step ran in. */
  readonly index: number;
  readonly family: string;
  readonly description: string;
  /** Milliseconds since mining started. */
  readonly startedMs: number;
  readonly durationMs: number;
}

export interface WorkloadRecord extends RecordBase {
  readonly kind: 'workload';
  readonly generator: string;
  /** The unit itself (plain JSON), replayable with the generator. */
  readonly unit: unknown;
  readonly answers: readonly string[];
}

export interface LifecycleRecord extends RecordBase {
  readonly kind: 'lifecycle';
  readonly action: LifecycleAction;
  /** Whether the server answered as healthy again afterwards. */
  readonly healthyAfter: boolean;
  readonly detail: string;
}

/** Epoch of everything before the first unit: container start-up. */
export const STARTUP_EPOCH = 0;

/** Decides what step `index` (1-based) is: a workload unit or, now and then, a lifecycle event. */
export function lifecycleAt(
  index: number,
  actions: readonly LifecycleAction[],
  schedule: { warmupUnits: number; everyUnits: number } = { warmupUnits: 5, everyUnits: 10 },
): LifecycleAction | undefined {
  if (actions.length === 0 || index < schedule.warmupUnits) return undefined;
  const offset = index - schedule.warmupUnits;
  if (offset % schedule.everyUnits !== 0) return undefined;
  return actions[(offset / schedule.everyUnits) % actions.length];
}
