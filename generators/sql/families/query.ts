import { batch, maybeEnsure, read, type FamilyDraft, type GenContext } from '../productions/context.js';
import { explained, selectQuery } from '../productions/select.js';
import { SEED_MATVIEWS, SEED_TABLES, SEED_VIEWS } from '../seed-schema.js';
import type { SqlStep } from '../unit.js';

// Planner switches change the plan, never the result: the same answers, other executor code.
const PLANNER_SWITCHES = [
  'enable_hashjoin',
  'enable_mergejoin',
  'enable_nestloop',
  'enable_seqscan',
  'enable_indexscan',
  'enable_indexonlyscan',
  'enable_bitmapscan',
  'enable_sort',
  'enable_incremental_sort',
  'enable_hashagg',
  'enable_material',
  'enable_memoize',
  'enable_partitionwise_join',
  'enable_partitionwise_aggregate',
  'enable_partition_pruning',
];

/** sql:query: joins, aggregates, windows, CTEs, subqueries, set operations over the catalog. */
export function queryFamily(ctx: GenContext): FamilyDraft {
  const { rng } = ctx;
  const seedRelations = [...SEED_TABLES, ...SEED_VIEWS, ...SEED_MATVIEWS].map((r) => r.name);
  const steps: SqlStep[] = [...maybeEnsure(ctx, rng.pick(seedRelations), 3)];
  if (rng.oneIn(3)) {
    const switches = rng.sample(PLANNER_SWITCHES, rng.int(1, 3)).map((s) => `SET ${s} = ${rng.bool() ? 'on' : 'off'}`);
    steps.push(batch(switches));
  }
  for (let i = rng.int(1, 6); i > 0; i--) {
    const select = selectQuery(ctx);
    const q = rng.oneIn(8) ? explained(ctx, select) : select;
    steps.push(read(ctx, q.sql, q.detail));
  }
  return { steps };
}
