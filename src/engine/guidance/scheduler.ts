import { SeededRandom } from './rng.js';

/** What to run next: a fresh unit of a family, or a mutation of a kept one. */
export type Decision =
  | { readonly kind: 'generate'; readonly family: string; readonly seed: number }
  | { readonly kind: 'mutate'; readonly parent: number; readonly donor: number | undefined; readonly seed: number };

export interface KeptEntry {
  /** Corpus id (its position). */
  readonly id: number;
  readonly family: string;
  /** Syscalls it was credited with, and new answer states it reached. */
  finds: number;
  states: number;
  picks: number;
}

export interface SchedulerOptions {
  /** Share of decisions that mutate a kept unit once the corpus is not empty. */
  readonly mutateShare: number;
  /** Share of family picks made uniformly, whatever the weights (exploration). */
  readonly exploreShare: number;
  /** Per-decision decay of family statistics, so "lately" counts more than "once". */
  readonly decay: number;
  /** Sweeps: every family runs this many times, in turn, before weights and mutation take over. */
  readonly sweeps: number;
}

export const DEFAULT_SCHEDULER_OPTIONS: SchedulerOptions = { mutateShare: 0.4, exploreShare: 0.25, decay: 0.98, sweeps: 2 };

/**
 * Coverage guidance: weights families by what they found lately (finds per execution, decayed),
 * keeps units that found syscalls or reached new answer states, and mutates them. Pure and
 * deterministic for a seed: the engine reports outcomes, the scheduler only decides.
 */
export class Scheduler {
  private readonly rng: SeededRandom;
  private readonly stats = new Map<string, { execs: number; finds: number }>();
  private readonly tries = new Map<string, number>();
  private readonly corpus: KeptEntry[] = [];

  constructor(
    readonly families: readonly string[],
    seed: number,
    private readonly options: SchedulerOptions = DEFAULT_SCHEDULER_OPTIONS,
  ) {
    if (families.length === 0) throw new Error('scheduler needs at least one family');
    this.rng = new SeededRandom(seed);
    for (const f of families) this.stats.set(f, { execs: 0, finds: 0 });
  }

  next(): Decision {
    // First the sweeps: a family nobody has tried can hide a syscall, and random picks among many
    // families leave some untried for long (the coupon collector's problem).
    const fewest = Math.min(...this.families.map((f) => this.tries.get(f) ?? 0));
    const untried = fewest < this.options.sweeps ? this.families.find((f) => (this.tries.get(f) ?? 0) === fewest) : undefined;
    if (untried !== undefined) {
      this.tries.set(untried, (this.tries.get(untried) ?? 0) + 1);
      return { kind: 'generate', family: untried, seed: this.rng.seed() };
    }
    if (this.corpus.length > 0 && this.rng.next() < this.options.mutateShare) {
      const weights = this.corpus.map((e) => (1 + e.finds + 0.5 * e.states) / (1 + e.picks));
      const parent = this.corpus[this.rng.weighted(weights)]!;
      parent.picks++;
      const donor = this.corpus.length > 1 ? this.corpus[this.rng.int(this.corpus.length)]!.id : undefined;
      return { kind: 'mutate', parent: parent.id, donor: donor === parent.id ? undefined : donor, seed: this.rng.seed() };
    }
    return { kind: 'generate', family: this.pickFamily(), seed: this.rng.seed() };
  }

  private pickFamily(): string {
    if (this.rng.next() < this.options.exploreShare) return this.families[this.rng.int(this.families.length)]!;
    // Finds per execution with a prior of one find in two executions: untried families stay attractive.
    const weights = this.families.map((f) => {
      const s = this.stats.get(f)!;
      return (s.finds + 1) / (s.execs + 2);
    });
    return this.families[this.rng.weighted(weights)]!;
  }

  /** Reports that a unit of `family` ran; keeps it (returns its id) when it reached new answer states. */
  executed(family: string, newStates: number): number | undefined {
    for (const s of this.stats.values()) {
      s.execs *= this.options.decay;
      s.finds *= this.options.decay;
    }
    const s = this.stats.get(family);
    if (s) s.execs += 1;
    return newStates > 0 ? this.keep(family, 0, newStates) : undefined;
  }

  /**
   * Credits confirmed syscall finds to a unit (they arrive after it ran: the tracer is asynchronous
   * and finds are replayed before they count); keeps the unit if it was not kept yet.
   */
  found(family: string, id: number | undefined, finds: number): number {
    const s = this.stats.get(family);
    if (s) s.finds += finds;
    const entry = id === undefined ? undefined : this.corpus[id];
    if (!entry) return this.keep(family, finds, 0);
    entry.finds += finds;
    return entry.id;
  }

  private keep(family: string, finds: number, states: number): number {
    const entry: KeptEntry = { id: this.corpus.length, family, finds, states, picks: 0 };
    this.corpus.push(entry);
    return entry.id;
  }

  get kept(): readonly KeptEntry[] {
    return this.corpus;
  }

  /** Current family weights, for the report. */
  weights(): Record<string, number> {
    return Object.fromEntries(
      this.families.map((f) => {
        const s = this.stats.get(f)!;
        return [f, (s.finds + 1) / (s.execs + 2)];
      }),
    );
  }
}
