/**
 * What argument rules are built from: each distinct tuple of recorded argument values of one
 * syscall, with where it was seen. Pure data; the engine fills it from the tracer's `A` lines.
 */
export interface ArgumentEvidence {
  /** Native syscall name, e.g. 'socket'. */
  readonly syscall: string;
  /** The recorded values in the tracer's order (argument-probes.ts), as unsigned integers. */
  readonly values: readonly number[];
  /** Indices of the workload or lifecycle units that used the tuple, ascending. */
  readonly units: readonly number[];
  /** Whether start-up (before the first unit) or the graceful stop used it. */
  readonly startup: boolean;
  readonly shutdown: boolean;
}

/**
 * Thin evidence: one unit alone needed the value. Start-up and shutdown run in every life of the
 * container, so a value they use is as certain as evidence gets.
 */
export function isThin(e: ArgumentEvidence): boolean {
  return !e.startup && !e.shutdown && e.units.length <= 1;
}

/** Units named at most in seenIn; the rest are counted. */
const UNITS_NAMED = 5;

/** Where a tuple was seen, in words: 'start-up, units 3, 41' or 'start-up, 70 units (3, 5, 9, 10, 11, ...)'. */
export function seenIn(e: ArgumentEvidence): string {
  const u = e.units;
  const units =
    u.length === 0
      ? []
      : u.length <= UNITS_NAMED
        ? [`unit${u.length > 1 ? 's' : ''} ${u.join(', ')}`]
        : [`${u.length} units (${u.slice(0, UNITS_NAMED).join(', ')}, ...)`];
  const parts = [...(e.startup ? ['start-up'] : []), ...units, ...(e.shutdown ? ['shutdown'] : [])];
  return parts.join(', ') || 'nowhere';
}

/** The evidence of one syscall, in a stable order (by values). */
export function evidenceOf(all: readonly ArgumentEvidence[], syscall: string): ArgumentEvidence[] {
  return all.filter((e) => e.syscall === syscall).sort((a, b) => compareValues(a.values, b.values));
}

export function compareValues(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** Evidence from several sources (runs, replays) as one: tuples unioned, units merged. */
export function mergeEvidence(lists: readonly (readonly ArgumentEvidence[])[]): ArgumentEvidence[] {
  const byKey = new Map<string, { syscall: string; values: readonly number[]; units: Set<number>; startup: boolean; shutdown: boolean }>();
  for (const e of lists.flat()) {
    const key = `${e.syscall}:${e.values.join(':')}`;
    const known = byKey.get(key) ?? { syscall: e.syscall, values: e.values, units: new Set<number>(), startup: false, shutdown: false };
    for (const u of e.units) known.units.add(u);
    known.startup ||= e.startup;
    known.shutdown ||= e.shutdown;
    byKey.set(key, known);
  }
  return [...byKey.values()]
    .map((e) => ({ ...e, units: [...e.units].sort((a, b) => a - b) }))
    .sort((a, b) => (a.syscall < b.syscall ? -1 : a.syscall > b.syscall ? 1 : compareValues(a.values, b.values)));
}
