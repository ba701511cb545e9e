import { answerClass, type GuidedGenerator } from '../../../generators/types.js';
import type { UnitOrigin, UnitRecord, WorkloadRecord } from '../session.js';
import { PathLedger, type PathSource } from './paths.js';
import { Scheduler, type Gain } from './scheduler.js';

/**
 * The explorer's guided half: turns the scheduler's decisions into units and what the units did
 * into the scheduler's feedback. Feedback per sampling unit: new answer states (`family class`),
 * new code paths from the trace (argument tuples of cold syscalls, error returns: a new errno is a
 * new path through the kernel and the server), and confirmed syscall finds (after their replay).
 * A mutant's gains are also credited to the kept unit it came from. Deterministic for a seed and
 * the same feedback.
 */
export class Guide {
  private readonly scheduler: Scheduler;
  private readonly ledger: PathLedger;
  /** Record index -> corpus id, for kept units. */
  private readonly corpusIds = new Map<number, number>();
  private readonly corpusUnits: unknown[] = [];
  /** Record index -> corpus id of the unit it was mutated from. */
  private readonly parents = new Map<number, number>();
  /** Sampling workload units by epoch: the ones paths are credited to. */
  private readonly creditable = new Map<number, WorkloadRecord>();
  private readonly states = new Set<string>();
  /** Parent of the unit `next` handed out last, until `ran` reports it. */
  private pendingParent: number | undefined;

  constructor(
    private readonly generator: GuidedGenerator,
    trace: PathSource,
    seed: number,
    scheduler?: Scheduler,
  ) {
    this.scheduler = scheduler ?? new Scheduler(generator.families, seed);
    this.ledger = new PathLedger(trace);
  }

  next(): { unit: unknown; origin: UnitOrigin } {
    const d = this.scheduler.next();
    if (d.kind === 'generate') {
      this.pendingParent = undefined;
      return { unit: this.generator.generate(d.family, d.seed), origin: 'generate' };
    }
    this.pendingParent = d.parent;
    const donor = d.donor === undefined ? undefined : this.corpusUnits[d.donor];
    return { unit: this.generator.mutate(this.corpusUnits[d.parent], d.seed, donor), origin: 'mutate' };
  }

  /**
   * A sampling unit from `next` ran in its epoch; `end` is the next free epoch. Paths of epochs
   * before it are scanned now; lines of this unit that are still on their way count at a later
   * `harvest`. As fuzzers do, a unit that killed the server earns nothing and is never kept:
   * mutating it would kill it again.
   */
  ran(record: WorkloadRecord, end: number): void {
    const parent = this.pendingParent;
    this.pendingParent = undefined;
    this.scheduler.executed(record.family, parent !== undefined);
    if (record.crashed !== undefined) return this.harvest(end);
    if (parent !== undefined) this.parents.set(record.index, parent);
    this.creditable.set(record.epoch, record);
    const states = this.newStates(record.family, record.answers);
    if (states > 0) this.credit(record, { states });
    this.harvest(end);
  }

  /** Credits new paths of recent epochs (late tracer lines included) to the units that reached them. */
  harvest(end: number): void {
    for (const [epoch, paths] of this.ledger.scan(end)) {
      const record = this.creditable.get(epoch);
      if (record) this.credit(record, { paths });
    }
  }

  /**
   * A replay of `original` (epoch `replayEpoch`, lines synced) reproduced `finds` first uses. They
   * are credited; paths the unit was credited with but its replay did not reach were background
   * work, and are taken back (free: the replay ran anyway).
   */
  confirmed(original: UnitRecord, replayEpoch: number, finds: number): void {
    if (original.kind !== 'workload' || !this.creditable.has(original.epoch)) return;
    this.harvest(replayEpoch + 1);
    const lost = this.ledger.unreproduced(original.epoch, replayEpoch);
    // Apart: a take-back must not cancel the finds that keep the unit.
    if (finds > 0) this.credit(original, { finds });
    if (lost > 0) this.credit(original, { paths: -lost });
  }

  private credit(record: WorkloadRecord, gain: Gain): void {
    const id = this.scheduler.credit(record.family, this.corpusIds.get(record.index), gain, this.parents.get(record.index));
    if (id === undefined || this.corpusIds.has(record.index)) return;
    this.corpusIds.set(record.index, id);
    this.corpusUnits[id] = record.unit;
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

  /** The corpus id of a kept workload record, if kept. */
  corpusIdOf(index: number): number | undefined {
    return this.corpusIds.get(index);
  }

  get kept(): Scheduler['kept'] {
    return this.scheduler.kept;
  }

  /** Distinct paths reached so far. */
  get paths(): number {
    return this.ledger.size;
  }
}
