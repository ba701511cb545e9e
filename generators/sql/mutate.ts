import type { ResolvedSqlConstraints } from './constraints.js';
import { statementName } from './families/prepared.js';
import { SqlRandom } from './_internals/random.js';
import { unitViolations } from './safety.js';
import type { SqlFamily, SqlStep, SqlUnit } from './unit.js';

/**
 * Variants of a kept unit: insert, replace or delete a step, splice with a donor, swap table
 * names, change the sizes written in the SQL, flip the protocol or TLS. Deterministic for
 * (parent, seed, donor, catalog). A variant that breaks a safety rule is dropped for the parent.
 */

export interface MutationContext {
  readonly c: ResolvedSqlConstraints;
  /** Table names a swap may choose among (sandfuzz's own). */
  readonly tables: readonly string[];
  readonly regenerate: (family: SqlFamily, seed: number) => SqlUnit;
}

type Operator = (parent: SqlUnit, rng: SqlRandom, m: MutationContext, donor: SqlUnit | undefined) => SqlUnit;

function freshStep(parent: SqlUnit, rng: SqlRandom, m: MutationContext): SqlStep {
  return rng.pick(m.regenerate(parent.family, rng.seed()).steps);
}

const insert: Operator = (parent, rng, m) => {
  if (parent.steps.length >= m.c.maxStepsPerUnit) return replace(parent, rng, m, undefined);
  return { ...parent, steps: parent.steps.toSpliced(rng.int(0, parent.steps.length), 0, freshStep(parent, rng, m)) };
};

const replace: Operator = (parent, rng, m) => ({
  ...parent,
  steps: parent.steps.with(rng.int(0, parent.steps.length - 1), freshStep(parent, rng, m)),
});

const remove: Operator = (parent, rng, m) =>
  parent.steps.length > 1 ? { ...parent, steps: parent.steps.toSpliced(rng.int(0, parent.steps.length - 1), 1) } : insert(parent, rng, m, undefined);

const splice: Operator = (parent, rng, m, donor) => {
  if (!donor || donor.steps.length === 0) return insert(parent, rng, m, undefined);
  const head = parent.steps.slice(0, rng.int(1, parent.steps.length));
  const tail = donor.steps.slice(rng.int(0, donor.steps.length - 1));
  return { ...parent, steps: [...head, ...tail].slice(0, m.c.maxStepsPerUnit) };
};

/** `step` with its SQL rewritten by `edit` (named statements get the name of their new text). */
function editSql(step: SqlStep, edit: (sql: string) => string): SqlStep {
  switch (step.kind) {
    case 'query':
    case 'copy-in':
    case 'copy-out':
    case 'cancel':
      return { ...step, sql: edit(step.sql) };
    case 'named': {
      const sql = edit(step.sql);
      return { ...step, sql, name: statementName(sql) };
    }
    default:
      return step;
  }
}

const swapTables: Operator = (parent, rng, m) => {
  const used = m.tables.filter((t) => parent.steps.some((s) => 'sql' in s && new RegExp(`\\b${t}\\b`).test(s.sql)));
  if (used.length === 0 || m.tables.length < 2) return replace(parent, rng, m, undefined);
  const from = rng.pick(used);
  const to = rng.pick(m.tables.filter((t) => t !== from));
  const pattern = new RegExp(`\\b${from}\\b`, 'g');
  return { ...parent, steps: parent.steps.map((s) => editSql(s, (sql) => sql.replace(pattern, to))) };
};

/** Scales a count by a factor chosen for this mutation, kept within [0, max]. */
function scaled(value: number, factor: number, max: number): number {
  return Math.max(0, Math.min(max, Math.round(value * factor)));
}

const resize: Operator = (parent, rng, m) => {
  const factor = rng.pick([0, 0.1, 0.5, 2, 4, 10]);
  const maxRows = m.c.bigRows * 2;
  const resizeSql = (sql: string): string =>
    sql
      .replace(/generate_series\(\s*(\d+)\s*,\s*(\d+)\s*\)/g, (_, a: string, b: string) => {
        const start = Number(a);
        return `generate_series(${start}, ${start + scaled(Number(b) - start, factor, maxRows)})`;
      })
      .replace(/\b(LIMIT|OFFSET|FETCH)\s+(\d+)/g, (_, word: string, n: string) => `${word} ${scaled(Number(n), factor, 10_000)}`)
      .replace(/\brepeat\(([^()]*?),\s*(\d+)\)/g, (_, text: string, n: string) => `repeat(${text}, ${scaled(Number(n), factor, 10_000)})`);
  const index = rng.int(0, parent.steps.length - 1);
  const step = parent.steps[index]!;
  let resized = editSql(step, resizeSql);
  if (resized.kind === 'copy-in' && resized.payload.kind === 'series') {
    resized = { ...resized, payload: { ...resized.payload, rows: Math.max(1, scaled(resized.payload.rows, factor, maxRows / 10)) } };
  }
  return { ...parent, steps: parent.steps.with(index, resized) };
};

const flipTransport: Operator = (parent, rng) => {
  const index = rng.int(0, parent.steps.length - 1);
  const step = parent.steps[index]!;
  if (step.kind === 'query' && step.params === null && !step.sql.includes(';')) {
    return { ...parent, steps: parent.steps.with(index, { ...step, protocol: step.protocol === 'simple' ? 'extended' : 'simple' }) };
  }
  return parent.family === 'malformed' ? parent : { ...parent, tls: !parent.tls };
};

const OPERATORS: readonly (readonly [number, Operator])[] = [
  [3, insert],
  [3, replace],
  [2, remove],
  [2, splice],
  [2, swapTables],
  [2, resize],
  [1, flipTransport],
];

export function mutateUnit(parent: SqlUnit, seed: number, donor: SqlUnit | undefined, m: MutationContext): SqlUnit {
  const rng = new SqlRandom(seed);
  const variant = rng.weighted(OPERATORS)(parent, rng, m, donor);
  return variant.steps.length > 0 && unitViolations(variant).length === 0 ? variant : parent;
}
