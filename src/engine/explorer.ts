import { answerClass, type Endpoint, type GuidedGenerator, type WorkloadGenerator } from '../../generators/types.js';
import type { TargetSpec } from '../../targets/types.js';
import type { Clock } from './clock.js';
import { applyLifecycle, describeLifecycle, recoverContainer, type LiveContainer } from './container-session.js';
import { CrashKeeper } from './crash-keeper.js';
import type { CrashRecord } from './crash.js';
import type { ContainerRuntime } from './docker/runtime.js';
import { SeededRandom } from './guidance/rng.js';
import { Scheduler } from './guidance/scheduler.js';
import { lifecycleAt, type UnitOrigin, type UnitRecord } from './session.js';
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
  private readonly scheduler: Scheduler | undefined;
  private readonly stream: Iterator<unknown> | undefined;
  private readonly corpusIds = new Map<number, number>(); // record index -> corpus id
  private readonly corpusUnits: unknown[] = [];
  private readonly states = new Set<string>();
  private readonly toConfirm: number[] = [];
  /** Epochs with finds that arrived while their unit was still running (no record yet). */
  private readonly earlyFinds = new Set<number>();
  private readonly pendingLifecycle: Set<string>;
  /** Optional actions the server did not survive: never sent again. */
  private readonly droppedLifecycle = new Set<string>();
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
    this.pendingLifecycle = new Set(deps.target.lifecycle.map((a) => a.name));
    // Its own stream of coin flips: holding out must not change which units the scheduler picks.
    this.holdoutRandom = new SeededRandom(deps.seed ^ 0x5eed_b01d);
    if (deps.guidance === 'guided' && isGuided(generator)) this.scheduler = new Scheduler(generator.families, deps.seed);
    else this.stream = generator.units(deps.seed);
  }

  get guided(): boolean {
    return this.scheduler !== undefined;
  }

  get lifecyclePending(): number {
    return this.pendingLifecycle.size;
  }

  get unconfirmed(): number {
    return this.toConfirm.length;
  }

  /** The tracer saw a first use: queue its unit for a confirmation replay (guided runs only). */
  noteFind(epoch: number): void {
    if (!this.scheduler) return;
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
    const pending = this.toConfirm.shift();
    if (pending !== undefined) return this.confirm(pending);
    this.samples++;
    const scheduled = lifecycleAt(this.samples, this.deps.target.lifecycle);
    const action = scheduled && !this.droppedLifecycle.has(scheduled.name) ? scheduled : undefined;
    if (action) {
      this.pendingLifecycle.delete(action.name);
      await this.runLifecycle(action, 'sample');
    } else {
      const { unit, origin } = this.nextUnit();
      if (this.holdoutRandom.next() < this.deps.holdoutShare) {
        this.samples--;
        this.holdout.push(this.heldOut(unit, origin));
        return;
      }
      const record = await this.runUnit(unit, origin, 'sample');
      if (this.scheduler) {
        // As fuzzers do, a unit that killed the server never joins the corpus: mutating it would kill it again.
        const newStates = record.crashed === undefined ? this.newStates(record.family, record.answers) : 0;
        const id = this.scheduler.executed(record.family, newStates);
        if (id !== undefined) this.keepUnit(record, id);
      }
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
    return this.corpusIds.get(index);
  }

  private nextUnit(): { unit: unknown; origin: UnitOrigin } {
    if (!this.scheduler) return { unit: this.stream!.next().value, origin: 'stream' };
    const g = this.deps.generator as GuidedGenerator;
    const d = this.scheduler.next();
    if (d.kind === 'generate') return { unit: g.generate(d.family, d.seed), origin: 'generate' };
    const donor = d.donor === undefined ? undefined : this.corpusUnits[d.donor];
    return { unit: g.mutate(this.corpusUnits[d.parent], d.seed, donor), origin: 'mutate' };
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

  private newStates(family: string, answers: readonly string[]): number {
    let fresh = 0;
    for (const a of answers) {
      const key = `${family} ${answerClass(a)}`;
      if (!this.states.has(key)) {
        this.states.add(key);
        fresh++;
      }
    }
    return fresh;
  }

  private keepUnit(record: UnitRecord, id: number): void {
    this.corpusIds.set(record.index, id);
    if (record.kind === 'workload') this.corpusUnits[id] = record.unit;
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

  private async runLifecycle(action: TargetSpec['lifecycle'][number], role: UnitRecord['role'], replayOf?: number): Promise<void> {
    const { runtime, live, target, tracer, signal } = this.deps;
    const epoch = this.takeEpoch();
    if (role === 'sample') this.deps.trace.countAsSample(epoch);
    tracer.mark(epoch);
    const startedMs = this.deps.clockMs();
    // A signal or exec to a container that just died fails outright: that is a crash too.
    const { healthyAfter, detail } = await applyLifecycle(runtime, live, target, action, signal, this.deps.clock).catch((err: unknown) =>
      this.crashes.actionFailed(err),
    );
    const dropped = !healthyAfter && action.kind === 'signal' && action.optional === true;
    if (dropped) {
      // sandfuzz chose this signal, not the target: a server it ends does not reload on it.
      this.droppedLifecycle.add(action.name);
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
    if (!health) return this.crashes.healthy();
    await this.crashes.recover(record, health);
    // Once may be a kill from outside; twice, the action itself: it is not sent again.
    if (this.crashes.countFor(record.family) >= 2) this.droppedLifecycle.add(action.name);
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
    // Lifecycle events are scheduled, not mutated: only workload units join the corpus.
    if (confirmed > 0 && this.scheduler && original.kind === 'workload') {
      const id = this.scheduler.found(original.family, this.corpusIds.get(original.index), confirmed);
      this.keepUnit(original, id);
    }
  }
}
