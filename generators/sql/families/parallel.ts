import { batch, query, read, type FamilyDraft, type GenContext } from '../productions/context.js';
import type { SqlStep } from '../unit.js';

/**
 * sql:parallel: parallel query made free (setup and tuple costs 0, no minimum scan size, two
 * workers per Gather, force_parallel_mode) over sf_big, a table this family creates once, plus
 * parallel index builds and parallel vacuum. Workers are forked by the postmaster and share
 * dynamic shared memory in /dev/shm. Answers only digest order-free integer aggregates: float
 * sums would depend on how the workers split the rows.
 */

/** The settings that make the planner choose parallel plans for anything. */
export const PARALLEL_SETTINGS: readonly string[] = [
  'SET parallel_setup_cost = 0',
  'SET parallel_tuple_cost = 0',
  'SET min_parallel_table_scan_size = 0',
  'SET min_parallel_index_scan_size = 0',
  'SET max_parallel_workers_per_gather = 2',
  // PostgreSQL 15's name; 16 renamed it debug_parallel_query.
  'SET force_parallel_mode = on',
];

export function createBigTableSql(rows: number): string {
  return `CREATE TABLE IF NOT EXISTS sf_big AS SELECT g AS id, g % 1000 AS k, md5(g::text) AS m FROM generate_series(1, ${rows}) g`;
}

/** Queries over sf_big whose plans take Gather, Gather Merge, Parallel Hash or Parallel Append. */
export function parallelQueries(rows: number, pick: number): string[] {
  const threshold = 1 + (pick % 999);
  return [
    `SELECT count(*), sum(k) FROM sf_big WHERE m > '${(pick % 16).toString(16)}'`,
    `SELECT k % 10 AS g, count(*), sum(id) FROM sf_big GROUP BY 1 ORDER BY 1`,
    `SELECT count(*) FROM sf_big a JOIN sf_big b ON a.id = b.id WHERE a.k < ${threshold}`,
    `SELECT id, m FROM sf_big ORDER BY m LIMIT ${1 + (pick % 20)}`,
    `SELECT count(DISTINCT k) FROM sf_big WHERE id > ${pick * 10}`,
    `SELECT count(*), max(id) FROM sf_big WHERE k = ${threshold}`,
    `SELECT count(*) FROM sf_big WHERE id IN (SELECT id * 2 FROM sf_big WHERE k < ${threshold})`,
    `SELECT count(*), sum(k) FROM (SELECT k FROM sf_big UNION ALL SELECT k FROM sf_t3) s`,
    `SELECT count(*) FROM sf_big WHERE id BETWEEN ${pick} AND ${pick + Math.floor(rows / 3)}`,
  ];
}

function indexBuild(ctx: GenContext): SqlStep[] {
  const column = ctx.rng.pick(['k', 'm']);
  return [
    batch(['SET max_parallel_maintenance_workers = 2', "SET maintenance_work_mem = '128MB'"]),
    query(`DROP INDEX IF EXISTS sf_big_${column}_idx`),
    query(`CREATE INDEX sf_big_${column}_idx ON sf_big (${column})`),
  ];
}

export function parallelFamily(ctx: GenContext): FamilyDraft {
  const { rng } = ctx;
  const rows = ctx.c.bigRows;
  const settings = [...PARALLEL_SETTINGS];
  if (rng.oneIn(3)) settings.push(`SET parallel_leader_participation = ${rng.bool() ? 'on' : 'off'}`);
  if (rng.oneIn(4)) settings.push(`SET enable_parallel_hash = ${rng.bool() ? 'on' : 'off'}`);
  const steps: SqlStep[] = [query(createBigTableSql(rows)), batch(settings)];
  if (rng.oneIn(4)) steps.push(...indexBuild(ctx));
  if (rng.oneIn(6)) steps.push(query('VACUUM (PARALLEL 2, VERBOSE) sf_big'));
  const queries = parallelQueries(rows, rng.int(0, 9999));
  for (let i = rng.int(1, 4); i > 0; i--) {
    const sql = rng.pick(queries);
    steps.push(rng.oneIn(6) ? query(`EXPLAIN (ANALYZE, COSTS OFF) ${sql}`) : read(ctx, sql));
  }
  return { steps };
}
