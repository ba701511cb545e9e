import { batch, query, read, type FamilyDraft, type GenContext } from '../productions/context.js';
import type { SqlStep } from '../unit.js';

/**
 * sql:spill: work_mem at its 64kB minimum, then sorts, hash aggregates, hash joins, set
 * operations and index builds over generate_series(1, bigRows): each writes temporary files
 * under base/pgsql_tmp. Answers digest small aggregates, never the big intermediate results.
 */

// Each sets up the executor node that spills; 'series' is a big generate_series.
const SPILLING_QUERIES: readonly ((n: number, pick: number) => { setup: string[]; sql: string })[] = [
  (n, pick) => ({
    setup: [],
    sql: `SELECT m FROM (SELECT md5(g::text) AS m FROM generate_series(1, ${n}) g) s ORDER BY m OFFSET ${n - 1 - (pick % 5)}`,
  }),
  (n, pick) => ({
    setup: ['SET enable_sort = off'],
    sql: `SELECT count(*), sum(c) FROM (SELECT g % ${1000 + pick} AS k, count(*) AS c FROM generate_series(1, ${n}) g GROUP BY 1) s`,
  }),
  (n) => ({
    setup: ['SET enable_mergejoin = off', 'SET enable_nestloop = off', 'SET hash_mem_multiplier = 1'],
    sql: `SELECT count(*), sum(a.x) FROM generate_series(1, ${n}) a(x) JOIN generate_series(1, ${n}) b(y) ON a.x = b.y`,
  }),
  (n) => ({ setup: [], sql: `SELECT count(DISTINCT md5(g::text)) FROM generate_series(1, ${n}) g` }),
  (n) => ({
    setup: ['SET enable_hashagg = off'],
    sql: `SELECT count(*) FROM (SELECT g FROM generate_series(1, ${n}) g EXCEPT SELECT g * 2 FROM generate_series(1, ${n}) g) s`,
  }),
  (n) => ({ setup: [], sql: `SELECT max(r) FROM (SELECT rank() OVER (ORDER BY md5(g::text)) AS r FROM generate_series(1, ${n}) g) s` }),
  (n) => ({
    setup: [],
    sql: `WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < ${Math.floor(n / 2)}) SELECT count(*), sum(i) FROM r`,
  }),
  (n) => ({
    setup: [],
    sql: `WITH m AS MATERIALIZED (SELECT g, md5(g::text) AS h FROM generate_series(1, ${n}) g) SELECT count(*), min(h) FROM m WHERE g % 3 = 0`,
  }),
  (n, pick) => ({
    setup: ['SET enable_hashagg = off'],
    sql: `SELECT count(*), max(l) FROM (SELECT g % ${50 + pick} AS k, string_agg(md5(g::text), '' ORDER BY g) AS s, length(string_agg(md5(g::text), '')) AS l FROM generate_series(1, ${n}) g GROUP BY 1) x`,
  }),
];

/** A temp table big enough that its index build sorts on disk with maintenance_work_mem at 1MB. */
function externalIndexBuild(n: number): SqlStep[] {
  return [
    batch(["SET maintenance_work_mem = '1MB'", "SET temp_buffers = '8MB'"]),
    query(`CREATE TEMP TABLE sf_spill AS SELECT g AS id, md5(g::text) AS h FROM generate_series(1, ${n}) g`),
    query('CREATE INDEX sf_spill_h ON sf_spill (h)'),
    query('SELECT count(*), min(h), max(h) FROM sf_spill', { detail: 'rows' }),
  ];
}

/** A sort of a real table on a text expression (its size is whatever DML made it). */
function tableSort(ctx: GenContext): SqlStep {
  const table = ctx.rng.pick(['sf_t0', 'sf_t1', 'sf_t5', 'sf_t6']);
  return read(ctx, `SELECT count(*), min(x), max(x) FROM (SELECT md5(k::text) AS x FROM ${table} ORDER BY 1) s`);
}

export function spillFamily(ctx: GenContext): FamilyDraft {
  const { rng } = ctx;
  const n = rng.int(ctx.c.bigRows, Math.floor(ctx.c.bigRows * 1.2));
  const settings = ["SET work_mem = '64kB'", ...(rng.oneIn(4) ? ['SET log_temp_files = 0'] : [])];
  if (rng.oneIn(6)) settings.push('SET jit_above_cost = 0', 'SET jit_inline_above_cost = 0', 'SET jit_optimize_above_cost = 0');
  const steps: SqlStep[] = [batch(settings)];
  if (rng.oneIn(5)) return { steps: [...steps, ...externalIndexBuild(n)] };
  for (let i = rng.int(1, 3); i > 0; i--) {
    if (rng.oneIn(5)) {
      steps.push(tableSort(ctx));
      continue;
    }
    const spilling = rng.pick(SPILLING_QUERIES)(n, rng.int(0, 999));
    if (spilling.setup.length > 0) steps.push(batch(spilling.setup));
    steps.push(read(ctx, spilling.sql));
  }
  return { steps };
}
