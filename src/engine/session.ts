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
 * Decides whether step number `n` (1-based) of a fixed replay (`sandfuzz validate`) is a lifecycle
 * event. After a warm-up, a first pass runs every action soon, then they come back in turn, less
 * often. Mining schedules them by LifecycleChecklist instead, by what each run added.
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

/** When the checklist's actions run: after a warm-up, one every `every` samples, until each is done. */
export interface ChecklistSchedule {
  readonly warmupUnits: number;
  readonly every: number;
  /** Runs of each action at least: the second run is the one that shows whether a repeat adds anything. */
  readonly minRuns: number;
}

export const CHECKLIST_SCHEDULE: ChecklistSchedule = { warmupUnits: 5, every: 4, minRuns: 2 };

/**
 * The target's lifecycle actions as a checklist, a stratum of its own beside the workload units.
 * They are not random samples: each is one fixed operator action (a reload, a backup, a restart),
 * the same every time, so there is no population of them to estimate unseen syscalls from, and
 * counting them as units of the workload's Good-Turing estimate only made the workload wait for
 * rare actions to come round again. What varies between two runs of the same action is timing
 * (which timer fired, which race was won). So each action runs until a repeat of it adds nothing
 * new: at least `minRuns` times, and again after every run that used a syscall nothing before it
 * had. An action is done after a run that found nothing new; the checklist is complete when every
 * action is done (or dropped). Actions come round in the target's order, open ones only. Pure.
 */
export class LifecycleChecklist {
  /** Open actions, the next one due first. */
  private readonly queue: LifecycleAction[];
  private readonly runs = new Map<string, number>();
  private readonly dropped = new Set<string>();

  constructor(
    private readonly actions: readonly LifecycleAction[],
    private readonly schedule: ChecklistSchedule = CHECKLIST_SCHEDULE,
  ) {
    this.queue = [...actions];
  }

  /** The action sample number `n` (1-based, counting every step the explorer sampled) runs, if any. */
  due(n: number): LifecycleAction | undefined {
    const { warmupUnits, every } = this.schedule;
    if (this.queue.length === 0 || n < warmupUnits || (n - warmupUnits) % every !== 0) return undefined;
    return this.queue[0];
  }

  /**
   * Records a run of an action, once the tracer has delivered its syscalls: `foundNew` when it used
   * one no earlier step (of any stratum) had. It then waits for its next turn, or is done.
   */
  ran(name: string, foundNew: boolean): void {
    const runs = (this.runs.get(name) ?? 0) + 1;
    this.runs.set(name, runs);
    const i = this.queue.findIndex((a) => a.name === name);
    if (i < 0) return;
    const [action] = this.queue.splice(i, 1);
    if (foundNew || runs < this.schedule.minRuns) this.queue.push(action!);
  }

  /** An action that is not sent again (the server does not survive it): no longer on the list. */
  drop(name: string): void {
    this.dropped.add(name);
    const i = this.queue.findIndex((a) => a.name === name);
    if (i >= 0) this.queue.splice(i, 1);
  }

  /**
   * Puts done actions that match back on the list, for one more run that must add nothing (as
   * any repeat must). Mining calls it for the idle periods and restarts when a find turns out to
   * be background work or server state, not its unit's (explorer.ts): those are the steps that
   * give timers time to fire and reset the state a unit changed once.
   */
  reopen(matches: (action: LifecycleAction) => boolean): void {
    for (const action of this.actions) {
      if (!matches(action) || this.dropped.has(action.name) || this.queue.includes(action)) continue;
      this.queue.push(action);
    }
  }

  /** Actions not done yet: the stop rule never calls saturation before this is 0. */
  get pending(): number {
    return this.queue.length;
  }

  runsOf(name: string): number {
    return this.runs.get(name) ?? 0;
  }
}
