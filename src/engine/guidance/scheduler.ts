import { SeededRandom } from './rng.js';

/** What to run next: a fresh unit of a family, or a mutation of a kept one. */
export type Decision =
  | { readonly kind: 'generate'; readonly family: string; readonly seed: number }
  | { readonly kind: 'mutate'; readonly parent: number; readonly donor: number | undefined; readonly seed: number };

/** What a unit earned: confirmed syscall finds, new code paths (argument tuples, errnos), new answer states. */
export interface Gain {
  readonly finds?: number;
  readonly paths?: number;
  readonly states?: number;
}

export interface KeptEntry {
  /** Corpus id (its position). */
  readonly id: number;
  readonly family: string;
  finds: number;
  paths: number;
  states: number;
  /** Weighted gain of the units mutated from this one: a parent whose children find is worth more picks. */
  childGain: number;
  picks: number;
}

export interface SchedulerOptions {
  /** Bounds of the share of decisions that mutate a kept unit; the share itself follows what mutation yields. */
  readonly mutateShare: { readonly min: number; readonly max: number };
  /** Share of family picks that go to the family tried least recently, whatever the weights. */
  readonly exploreShare: number;
  /** Per-decision decay of statistics, so "lately" counts more than "once". */
  readonly decay: number;
  /** Sweeps: every family runs this many times, in turn, before weights and mutation take over. */
  readonly sweeps: number;
  /** Worth of each kind of gain. A confirmed syscall is what the profile needs; a path or state only hints at one. */
  readonly worth: { readonly finds: number; readonly paths: number; readonly states: number };
}

export const DEFAULT_SCHEDULER_OPTIONS: SchedulerOptions = {
  mutateShare: { min: 0.15, max: 0.6 },
  exploreShare: 0.2,
  decay: 0.98,
  sweeps: 2,
  worth: { finds: 4, paths: 1, states: 0.5 },
};

interface Yield {
  execs: number;
  gain: number;
}

/**
 * Coverage guidance, AFL-style: keeps units that reached something new (a confirmed syscall, a
 * new argument tuple or errno, a new answer state), gives each kept unit energy by what it and its
 * mutants earned over how often it was picked, weights families by what they earned lately, sends
 * the rest of the family picks to the stalest family (so an exhausted family costs little but is
 * never dropped), and mutates as often as mutation pays compared with fresh units. Pure and
 * deterministic for a seed: the engine reports outcomes, the scheduler only decides.
 */
export class Scheduler {
  private readonly rng: SeededRandom;
  private readonly stats = new Map<string, Yield>();
  private readonly tries = new Map<string, number>();
  private readonly lastTried = new Map<string, number>();
  private readonly byOrigin = { generate: { execs: 0, gain: 0 }, mutate: { execs: 0, gain: 0 } };
  private readonly corpus: KeptEntry[] = [];
  private decisions = 0;

  constructor(
    readonly families: readonly string[],
    seed: number,
    private readonly options: SchedulerOptions = DEFAULT_SCHEDULER_OPTIONS,
  ) {
    if (families.length === 0) throw new Error('scheduler needs at least one family');
    this.rng = new SeededRandom(seed);
    for (const f of families) this.stats.set(f, { execs: 0, gain: 0 });
  }

  next(): Decision {
    this.decisions++;
    // First the sweeps: a family nobody has tried can hide a syscall, and random picks among many
    // families leave some untried for long (the coupon collector's problem).
    const fewest = Math.min(...this.families.map((f) => this.tries.get(f) ?? 0));
    const untried = fewest < this.options.sweeps ? this.families.find((f) => (this.tries.get(f) ?? 0) === fewest) : undefined;
    if (untried !== undefined) return this.generate(untried);
    if (this.corpus.length > 0 && this.rng.next() < this.mutateShare()) {
      const energies = this.corpus.map((e) => this.energy(e));
      const parent = this.corpus[this.rng.weighted(energies)]!;
      parent.picks++;
      const donor = this.corpus.length > 1 ? this.corpus[this.rng.weighted(energies)]!.id : undefined;
      return { kind: 'mutate', parent: parent.id, donor: donor === parent.id ? undefined : donor, seed: this.rng.seed() };
    }
    return this.generate(this.pickFamily());
  }

  private generate(family: string): Decision {
    this.tries.set(family, (this.tries.get(family) ?? 0) + 1);
    this.lastTried.set(family, this.decisions);
    return { kind: 'generate', family, seed: this.rng.seed() };
  }

  /** What a kept unit and its mutants earned, per pick: the freshest and most productive go first. */
  private energy(e: KeptEntry): number {
    const own = this.worth({ finds: e.finds, paths: e.paths, states: e.states });
    return (1 + own + 0.5 * e.childGain) / (1 + e.picks);
  }

  /** Mutation's share follows its yield per unit against fresh units' (priors keep both in play early). */
  mutateShare(): number {
    const rate = (y: Yield): number => (y.gain + 0.5) / (y.execs + 1);
    const m = rate(this.byOrigin.mutate);
    const g = rate(this.byOrigin.generate);
    const { min, max } = this.options.mutateShare;
    return Math.min(max, Math.max(min, m / (m + g)));
  }

  private pickFamily(): string {
    if (this.rng.next() < this.options.exploreShare) {
      // The stalest family, not a uniform one: every family comes back at a steady pace, and no
      // pick is spent on a family that just ran.
      let stalest = this.families[0]!;
      for (const f of this.families) if ((this.lastTried.get(f) ?? 0) < (this.lastTried.get(stalest) ?? 0)) stalest = f;
      return stalest;
    }
    return this.families[this.rng.weighted(this.families.map((f) => this.familyWeight(f)))]!;
  }

  /** Gain per execution with a prior of one unit of gain in two executions: a family that stops paying fades. */
  private familyWeight(family: string): number {
    const s = this.stats.get(family)!;
    return (s.gain + 1) / (s.execs + 2);
  }

  private worth(g: Gain): number {
    const w = this.options.worth;
    return w.finds * (g.finds ?? 0) + w.paths * (g.paths ?? 0) + w.states * (g.states ?? 0);
  }

  /** Reports that a unit of `family` ran (`mutated`: it was a mutant); every statistic decays by one step. */
  executed(family: string, mutated: boolean): void {
    const decay = this.options.decay;
    for (const y of [...this.stats.values(), this.byOrigin.generate, this.byOrigin.mutate]) {
      y.execs *= decay;
      y.gain *= decay;
    }
    const s = this.stats.get(family);
    if (s) s.execs += 1;
    this.byOrigin[mutated ? 'mutate' : 'generate'].execs += 1;
  }

  /**
   * Credits a unit with what it earned; gains arrive after it ran (the tracer is asynchronous, and
   * syscall finds count only once replayed). `id`: the unit's corpus id if it is kept already;
   * `parent`: the kept unit it was mutated from. Keeps the unit when the gain is positive and it
   * is not kept yet; returns its corpus id, if kept. A negative gain takes back a credit (a path
   * its replay did not reach again); it never keeps anything.
   */
  credit(family: string, id: number | undefined, gain: Gain, parent?: number): number | undefined {
    const worth = this.worth(gain);
    if (worth === 0) return id;
    const s = this.stats.get(family);
    if (s) s.gain = Math.max(0, s.gain + worth);
    const origin = this.byOrigin[parent === undefined ? 'generate' : 'mutate'];
    origin.gain = Math.max(0, origin.gain + worth);
    const p = parent === undefined ? undefined : this.corpus[parent];
    if (p) p.childGain = Math.max(0, p.childGain + worth);
    const entry = id === undefined ? undefined : this.corpus[id];
    if (entry) {
      entry.finds = Math.max(0, entry.finds + (gain.finds ?? 0));
      entry.paths = Math.max(0, entry.paths + (gain.paths ?? 0));
      entry.states = Math.max(0, entry.states + (gain.states ?? 0));
      return entry.id;
    }
    if (worth < 0) return undefined;
    const kept: KeptEntry = {
      id: this.corpus.length,
      family,
      finds: gain.finds ?? 0,
      paths: gain.paths ?? 0,
      states: gain.states ?? 0,
      childGain: 0,
      picks: 0,
    };
    this.corpus.push(kept);
    return kept.id;
  }

  get kept(): readonly KeptEntry[] {
    return this.corpus;
  }

  /** Current family weights, for the report. */
  weights(): Record<string, number> {
    return Object.fromEntries(this.families.map((f) => [f, this.familyWeight(f)]));
  }
}
