/**
 * Species-richness estimates over per-unit incidence (STADS, Böhme 2018): syscalls are species, a
 * sampling unit is one workload unit, and each unit reveals the set of syscalls it touched. Pure.
 */
export interface IncidenceEstimates {
  /** Sampling units so far (m). */
  readonly units: number;
  /** Distinct syscalls seen in at least one unit (S_obs). */
  readonly observed: number;
  /** Syscalls seen in exactly one unit (Q1) and exactly two (Q2). */
  readonly q1: number;
  readonly q2: number;
  /** Good-Turing probability that the next unit shows a syscall not seen in any unit yet: Q1/m. */
  readonly discoveryProbability: number;
  /** Chao2 estimate of the total number of syscalls the workload can reach. */
  readonly chao2: number;
  /** Chao2 minus observed: syscalls estimated still unseen (f0). */
  readonly unseen: number;
  /** Sample coverage with the Chao-Jost correction. */
  readonly coverage: number;
}

/** Estimates from incidence frequencies: `incidence` maps each syscall to the number of units that touched it. */
export function estimateFromIncidence(incidence: ReadonlyMap<string, number>, units: number): IncidenceEstimates {
  let q1 = 0;
  let q2 = 0;
  let observed = 0;
  for (const count of incidence.values()) {
    if (count <= 0) continue;
    observed++;
    if (count === 1) q1++;
    else if (count === 2) q2++;
  }
  if (units === 0) {
    return { units, observed, q1, q2, discoveryProbability: 1, chao2: observed, unseen: Number.POSITIVE_INFINITY, coverage: 0 };
  }
  const m = units;
  const factor = (m - 1) / m;
  // Chao 1987; the bias-corrected form when no doubletons have been seen.
  const unseen = q2 > 0 ? (factor * q1 * q1) / (2 * q2) : (factor * q1 * (q1 - 1)) / 2;
  const denominator = (m - 1) * q1 + 2 * q2;
  const coverage = q1 === 0 ? 1 : 1 - (q1 / m) * (denominator > 0 ? ((m - 1) * q1) / denominator : 1);
  // Q1/m exceeds 1 while units are few and each brings several singletons: it is a probability.
  return { units, observed, q1, q2, discoveryProbability: Math.min(1, q1 / m), chao2: observed + unseen, unseen, coverage };
}

/** Incidence frequencies from the per-unit sets. */
export function incidenceOf(unitSets: Iterable<ReadonlySet<string>>): { incidence: Map<string, number>; units: number } {
  const incidence = new Map<string, number>();
  let units = 0;
  for (const set of unitSets) {
    units++;
    for (const key of set) incidence.set(key, (incidence.get(key) ?? 0) + 1);
  }
  return { incidence, units };
}

/** Wilson score interval for a binomial proportion k/n (95% by default); [0, 1] when n = 0. */
export function wilsonInterval(k: number, n: number, z = 1.959964): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return [Math.max(0, center - half), Math.min(1, center + half)];
}

/**
 * The workload stratum's incidence: the units' incidence without the syscalls steps outside the
 * workload (start-up, lifecycle actions, crash restarts, the gaps between steps) already used.
 * Good-Turing's Q1/m is the leave-one-out estimate of the chance that a further unit finds
 * something new: the share of the m units that would have found a syscall none of the others had,
 * had they come last. What matters for the profile is "new to the profile", and the profile also
 * holds every syscall of the other strata, so a unit's singleton the start-up or a restart also
 * used is no find under leave-one-out: it is no evidence of undiscovered syscalls either. Chao2 is
 * then the estimate over the species outside the other strata, from their own Q1 and Q2.
 */
export function withoutKnown(incidence: ReadonlyMap<string, number>, known: ReadonlySet<string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, count] of incidence) if (!known.has(key)) out.set(key, count);
  return out;
}
