import { ident, maybeEnsure, pickTable, query, type FamilyDraft, type GenContext } from '../productions/context.js';
import { SEED_MATVIEWS } from '../seed-schema.js';
import type { SqlStep } from '../unit.js';

/**
 * sql:maintenance: VACUUM in its variants, ANALYZE, CLUSTER, REINDEX, CHECKPOINT, TRUNCATE,
 * pg_switch_wal(), REFRESH MATERIALIZED VIEW, CREATE INDEX CONCURRENTLY: relation rewrites,
 * file truncation, WAL segment switches and fsyncs.
 */

const VACUUM_OPTIONS = [
  '',
  '(FULL) ',
  '(FULL, VERBOSE) ',
  '(ANALYZE, VERBOSE) ',
  '(FREEZE) ',
  '(DISABLE_PAGE_SKIPPING) ',
  '(INDEX_CLEANUP ON, TRUNCATE ON) ',
  '(INDEX_CLEANUP OFF, PROCESS_TOAST OFF) ',
  '(PARALLEL 2) ',
  '(SKIP_LOCKED) ',
];

function indexOf(ctx: GenContext, table: string): string | null {
  const indexes = ctx.catalog.indexes.filter((i) => i.table === table);
  return indexes.length > 0 ? ctx.rng.pick(indexes).name : null;
}

function maintenanceStep(ctx: GenContext): SqlStep[] {
  const { rng } = ctx;
  const table = pickTable(ctx);
  const t = ident(table.name);
  const index = indexOf(ctx, table.name);
  const column = table.columns.find((c) => c.name === 'k') ?? table.columns.find((c) => c.name === 'id') ?? table.columns[0];
  return rng.weighted<() => SqlStep[]>([
    [5, () => [query(`VACUUM ${rng.pick(VACUUM_OPTIONS)}${t}`)]],
    [1, () => [query('VACUUM')]],
    [2, () => [query(`ANALYZE ${rng.oneIn(2) ? '(VERBOSE) ' : ''}${t}`)]],
    [2, () => [query(index ? `CLUSTER ${rng.oneIn(2) ? 'VERBOSE ' : ''}${t} USING ${ident(index)}` : `CLUSTER ${t}`)]],
    [2, () => [query(`REINDEX ${rng.oneIn(3) ? '(VERBOSE) ' : ''}TABLE ${rng.oneIn(3) ? 'CONCURRENTLY ' : ''}${t}`)]],
    [1, () => [query(index ? `REINDEX INDEX ${ident(index)}` : `REINDEX TABLE ${t}`)]],
    [1, () => [query(rng.oneIn(2) ? 'REINDEX DATABASE postgres' : 'REINDEX SYSTEM postgres')]],
    [3, () => [query('CHECKPOINT')]],
    [
      2,
      () => [
        query(`TRUNCATE ${t}${rng.pick(['', ' RESTART IDENTITY', ' CASCADE', ' RESTART IDENTITY CASCADE'])}`),
        ...maybeEnsure(ctx, table.name, 2),
      ],
    ],
    [2, () => [query('SELECT pg_switch_wal()', { detail: 'class' })]],
    [2, () => refreshMatview(ctx)],
    [
      2,
      () => [
        query(`DROP INDEX CONCURRENTLY IF EXISTS sf_cic_${table.name}`),
        query(`CREATE INDEX CONCURRENTLY sf_cic_${table.name} ON ${t} (${ident(column?.name ?? 'k')})`),
      ],
    ],
  ])();
}

function refreshMatview(ctx: GenContext): SqlStep[] {
  const view = ctx.rng.pick(SEED_MATVIEWS);
  const concurrently = ctx.rng.oneIn(2) ? 'CONCURRENTLY ' : '';
  return [
    query(`CREATE MATERIALIZED VIEW IF NOT EXISTS ${view.name} AS ${view.sql}`),
    query(view.uniqueIndex),
    query(`REFRESH MATERIALIZED VIEW ${concurrently}${view.name}`),
    query(`SELECT count(*), sum(c) FROM ${view.name}`, { detail: 'rows' }),
  ];
}

export function maintenanceFamily(ctx: GenContext): FamilyDraft {
  const steps: SqlStep[] = [];
  for (let i = ctx.rng.int(1, 3); i > 0; i--) steps.push(...maintenanceStep(ctx));
  return { steps };
}
