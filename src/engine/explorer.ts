import type { Endpoint, GuidedGenerator, WorkloadGenerator } from '../../generators/types.js';
import type { TargetSpec } from '../../targets/types.js';
import type { Clock } from './clock.js';
import { applyLifecycle, describeLifecycle, recoverContainer, type LiveContainer } from './container-session.js';
import { CrashKeeper } from './crash-keeper.js';
import type { CrashRecord } from './crash.js';
import type { ContainerRuntime } from './docker/runtime.js';
import { SeededRandom } from './guidance/rng.js';
import { Guide } from './guidance/guide.js';
import { LifecycleChecklist, type UnitOrigin, type UnitRecord } from './session.js';
import { syscallKey, type ContainerTrace } from './tracer/container-trace.js';
import type { Tracer } from './tracer/tracer.js';

export type Guidance = 'guided' | 'unguided';

export function isGuided(g: WorkloadGenerator): g is GuidedGenerator {
  const c = g as Partial<GuidedGenerator>;
  return Array.isArray(c.families) && typeof c.generate === 'function' && typeof c.mutate === 'function';
}

/** Who a syscall's first use is credited to once its confirmation replay is in. */
export interface Credit {
  readonly epoch: number;
  /** True when replaying the unit used the syscall again; false: background work, not the unit. */
  readonly confirmed: boolean;
}

/**
 * One step at a time of the exploration: picks the next unit (a guided decision, or the plain
 * stream), runs it or a lifecycle event, and replays units that found syscalls to confirm the find
 * was their own. Keeps the session record. The mining loop (mine.ts) decides when to stop.
 */
export class Explorer {
  readonly records: UnitRecord[] = [];
  /** Units drawn like the others but never run while mining: the profile is validated on them. */
  readonly holdout: UnitRecord[] = [];
  private readonly holdoutRandom: SeededRandom;
  private nextIndex = 1;
  readonly credits = new Map<string, Credit>();
  private readonly byEpoch = new Map<number, UnitRecord>();
  /** Coverage guidance (corpus, mutation, feedback from states, paths and finds); absent: the plain stream. */
  private readonly guide: Guide | undefined;
  private readonly stream: Iterator<unknown> | undefined;
  private readonly toConfirm: number[] = [];
  /** Epochs with finds that arrived while their unit was still running (no record yet). */
  private readonly earlyFinds = new Set<number>();
  /** The lifecycle stratum: each action until a repeat of it adds nothing new (session.ts). */
  private readonly checklist: LifecycleChecklist;
  private epoch: number;
  samples = 0;
  /** Every server death of the session, and the restarts after them. */
  readonly crashes: CrashKeeper;

  constructor(
    private readonly deps: {
      readonly target: TargetSpec;
      readonly generator: WorkloadGenerator;
      readonly guidance: Guidance;
      readonly seed: number;
      /** Share of produced workload units held out of mining (0 disables). */
      readonly holdoutShare: number;
      readonly unitTimeoutMs: number;
      readonly runtime: ContainerRuntime;
      readonly tracer: Tracer;
      readonly trace: ContainerTrace;
      readonly live: LiveContainer;
      readonly signal: AbortSignal;
      readonly clockMs: () => number;
      /** Settle times and readiness deadlines of lifecycle events (the system clock when absent). */
      readonly clock?: Clock;
      /** Saves a crash's reproducer before the container is restarted; resolves with where. */
      readonly onCrash?: (crash: CrashRecord) => Promise<string | undefined>;
    },
    private readonly firstEpoch: number,
  ) {
    const { generator } = deps;
    this.epoch = firstEpoch;
    this.crashes = new CrashKeeper({
      runtime: deps.runtime,
      live: deps.live,
      target: deps.target,
      signal: deps.signal,
      clockMs: deps.clockMs,
      newEpoch: () => {
        const epoch = this.takeEpoch();
        deps.tracer.mark(epoch);
        return epoch;
      },
      ...(deps.clock ? { clock: deps.clock } : {}),
      ...(deps.onCrash ? { onCrash: deps.onCrash } : {}),
    });
    this.checklist = new LifecycleChecklist(deps.target.lifecycle);
    // Its own stream of coin flips: holding out must not change which units the scheduler picks.
    this.holdoutRandom = new SeededRandom(deps.seed ^ 0x5eed_b01d);
    if (deps.guidance === 'guided' && isGuided(generator)) this.guide = new Guide(generator, deps.trace, deps.seed);
    else this.stream = generator.units(deps.seed);
  }

  get guided(): boolean {
    return this.guide !== undefined;
  }

  get lifecyclePending(): number {
    return this.checklist.pending;
  }

  get unconfirmed(): number {
    return this.toConfirm.length;
  }

  /**
   * The tracer saw a first use: queue its unit for a confirmation replay, guided or not. The stop
   * rule needs the verdict either way: a find the replay does not reproduce (background work, a
   * state the unit left) is not a unit-driven singleton, and would otherwise hold the rule open.
   */
  noteFind(epoch: number): void {
    const record = this.byEpoch.get(epoch);
    if (!record) {
      if (epoch >= this.firstEpoch) this.earlyFinds.add(epoch);
      return;
    }
    // Lifecycle events are scheduled, not chosen: a confirmation (a second restart, say) would cost
    // seconds and change no decision, so only workload units, which join the corpus, are replayed.
    // A unit the server died in is not replayed: it would only kill it again.
    if (record.role !== 'sample' || record.kind !== 'workload' || record.crashed !== undefined || this.toConfirm.includes(epoch)) return;
    this.toConfirm.push(epoch);
  }

  /** Runs the next step: a pending confirmation first, else a new sampling unit. */
  async step(): Promise<void> {
    // Tracer lines of the last units that came in after their unit ended are credited now.
    this.guide?.harvest(this.epoch);
    const pending = this.toConfirm.shift();
    if (pending !== undefined) return this.confirm(pending);
    this.samples++;
    const action = this.checklist.due(this.samples);
    if (action) {
      const epoch = await this.runLifecycle(action, 'sample');
      // Whether this run added anything, its tail in the sync's epoch included (a save's child
      // still writing), decides whether the action comes round again.
      const tail = this.takeEpoch();
      await this.deps.tracer.sync(tail);
      this.checklist.ran(
        action.name,
        this.deps.trace.firstUses().some((u) => u.epoch >= epoch && u.epoch <= tail),
      );
    } else {
      const { unit, origin } = this.nextUnit();
      if (this.holdoutRandom.next() < this.deps.holdoutShare) {
        this.samples--;
        this.holdout.push(this.heldOut(unit, origin));
        return;
      }
      const record = await this.runUnit(unit, origin, 'sample');
      this.guide?.ran(record, this.epoch);
    }
  }

  /** Epoch numbers handed out so far (the next free one). */
  get nextEpoch(): number {
    return this.epoch;
  }

  takeEpoch(): number {
    return this.epoch++;
  }

  /** The corpus id of a kept workload record, if kept. */
  corpusIdOf(index: number): number | undefined {
    return this.guide?.corpusIdOf(index);
  }

  private nextUnit(): { unit: unknown; origin: UnitOrigin } {
    if (!this.guide) return { unit: this.stream!.next().value, origin: 'stream' };
    return this.guide.next();
  }

  private heldOut(unit: unknown, origin: UnitOrigin): UnitRecord {
    const { generator } = this.deps;
    return {
      kind: 'workload',
      index: this.nextIndex++,
      epoch: -1,
      role: 'sample',
      origin,
      generator: generator.name,
      unit,
      answers: [],
      family: generator.family(unit),
      description: generator.describe(unit),
      startedMs: this.deps.clockMs(),
      durationMs: 0,
    };
  }

  private push(record: UnitRecord): void {
    this.records.push(record);
    this.byEpoch.set(record.epoch, record);
    if (this.earlyFinds.delete(record.epoch)) this.noteFind(record.epoch);
  }

  private async runUnit(unit: unknown, origin: UnitOrigin, role: UnitRecord['role'], replayOf?: number) {
    const { generator, live, tracer } = this.deps;
    const epoch = this.takeEpoch();
    if (role === 'sample') this.deps.trace.countAsSample(epoch);
    tracer.mark(epoch);
    const startedMs = this.deps.clockMs();
    const endpoint: Endpoint = live.current.endpoint;
    const { answers } = await generator.execute(unit, endpoint, { timeoutMs: this.deps.unitTimeoutMs });
    const durationMs = this.deps.clockMs() - startedMs;
    // A unit that ran into its timeout may have hung the server: then its readiness check is asked too.
    const health = await this.crashes.check(durationMs >= this.deps.unitTimeoutMs);
    const record = {
      kind: 'workload' as const,
      index: this.nextIndex++,
      epoch,
      role,
      origin,
      generator: generator.name,
      unit,
      answers,
      family: generator.family(unit),
      description: generator.describe(unit),
      startedMs,
      durationMs,
      ...(replayOf !== undefined ? { replayOf } : {}),
      ...(health.healthy ? {} : { crashed: this.crashes.next }),
    };
    this.push(record);
    if (health.healthy) this.crashes.healthy();
    else await this.crashes.recover(record, health);
    return record;
  }

  /** Runs a lifecycle action in an epoch of its own; resolves with that epoch. */
  private async runLifecycle(action: TargetSpec['lifecycle'][number], role: UnitRecord['role'], replayOf?: number): Promise<number> {
    const { runtime, live, target, tracer, signal } = this.deps;
    const epoch = this.takeEpoch();
    // No sampling unit of the workload's estimates: the lifecycle is a checklist (session.ts).
    tracer.mark(epoch);
    const startedMs = this.deps.clockMs();
    // A signal or exec to a container that just died fails outright: that is a crash too.
    const { healthyAfter, detail } = await applyLifecycle(runtime, live, target, action, signal, this.deps.clock).catch((err: unknown) =>
      this.crashes.actionFailed(err),
    );
    const dropped = !healthyAfter && action.kind === 'signal' && action.optional === true;
    if (dropped) {
      // sandfuzz chose this signal, not the target: a server it ends does not reload on it.
      this.checklist.drop(action.name);
      await recoverContainer(runtime, live, target, signal, this.deps.clock);
    }
    // An action the target asks for that the server does not survive is a crash, as a unit's is.
    const health = healthyAfter || dropped ? undefined : await this.crashes.afterUnhealthy(detail);
    const record = {
      kind: 'lifecycle' as const,
      index: this.nextIndex++,
      epoch,
      role,
      action,
      family: `lifecycle:${action.name}`,
      description: describeLifecycle(action),
      startedMs,
      durationMs: this.deps.clockMs() - startedMs,
      healthyAfter,
      detail: dropped ? `${detail}; not a reload signal for this server: restarted it, and dropped the signal` : detail,
      ...(dropped ? { dropped } : {}),
      ...(replayOf !== undefined ? { replayOf } : {}),
      ...(health ? { crashed: this.crashes.next } : {}),
    };
    this.push(record);
    if (!health) this.crashes.healthy();
    else await this.crashes.recover(record, health);
    // Once may be a kill from outside; twice, the action itself: it is not sent again.
    if (health && this.crashes.countFor(record.family) >= 2) this.checklist.drop(action.name);
    return epoch;
  }

  /** Replays the unit of `epoch` and credits it with the first uses it makes again. */
  private async confirm(epoch: number): Promise<void> {
    const original = this.byEpoch.get(epoch)!;
    const { trace, tracer } = this.deps;
    const before = this.epoch;
    if (original.kind === 'workload') await this.runUnit(original.unit, original.origin, 'confirm', original.index);
    else await this.runLifecycle(original.action, 'confirm', original.index);
    await tracer.sync(this.takeEpoch());
    const replay = trace.epochSet(before);
    const firsts = trace.firstUses().filter((u) => u.epoch === epoch && !this.credits.has(syscallKey(u)));
    let confirmed = 0;
    for (const use of firsts) {
      const key = syscallKey(use);
      const ok = replay.has(key);
      this.credits.set(key, { epoch, confirmed: ok });
      if (ok) confirmed++;
    }
    // A find the replay did not make again is background work or state the unit changed once
    // (a thread it stopped): the workload's estimates leave it out (mine.ts), and the steps that
    // let timers fire and reset state run once more, to see whether that kind has more to give.
    if (confirmed < firsts.length) this.checklist.reopen((a) => a.kind === 'idle' || a.kind === 'restart');
    // Lifecycle events are scheduled, not mutated: only workload units join the corpus.
    this.guide?.confirmed(original, before, confirmed);
  }
}
