import { visibleColumns, type CatalogRelation } from '../catalog.js';
import { ident, maybeEnsure, pickTable, query, type FamilyDraft, type GenContext } from '../productions/context.js';
import { expression, predicate, scopeColumns, scopeOf } from '../productions/expressions.js';
import { fillableColumns, updatableColumns } from '../productions/fill-columns.js';
import type { ResultDetail, SqlParam, SqlStep } from '../unit.js';

/**
 * sql:dml: INSERT ... SELECT generate_series (capped so tables stop growing), parameterized
 * VALUES, UPDATE, DELETE, upserts, MERGE, writable CTEs, RETURNING. Row counts are digested: the
 * same statements on the same state touch the same rows.
 */

/** Rows a table may reach before the series inserts stop adding to it. */
function tableCap(ctx: GenContext): number {
  return Math.floor(ctx.c.bigRows / 5);
}

/** RETURNING of a visible column one time in three (a sequence-drawn key is never returned). */
function returning(ctx: GenContext, relation: CatalogRelation): { clause: string; detail: ResultDetail } {
  const visible = visibleColumns(relation);
  if (visible.length === 0 || !ctx.rng.oneIn(3)) return { clause: '', detail: 'count' };
  const column = visible.find((c) => c.name === 'k') ?? ctx.rng.pick(visible);
  return { clause: ` RETURNING ${ident(column.name)}`, detail: 'rows' };
}

function insertSeries(ctx: GenContext, relation: CatalogRelation): SqlStep {
  const { rng } = ctx;
  const columns = fillableColumns(relation);
  const t = ident(relation.name);
  const from = rng.int(0, 120_000);
  const rows = rng.oneIn(4) ? rng.int(1, Math.floor(ctx.c.bigRows / 25)) : rng.int(1, 500);
  const conflict =
    relation.name === 'sf_t0'
      ? rng.pick(['', ' ON CONFLICT (k) DO NOTHING', ` ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v || 'u'`])
      : rng.pick(['', ' ON CONFLICT DO NOTHING']);
  const ret = returning(ctx, relation);
  const names = columns.map((c) => c.name).join(', ');
  const values = columns.map((c) => c.fill).join(', ');
  return query(
    `INSERT INTO ${t} (${names}) SELECT ${values} FROM generate_series(${from}, ${from + rows - 1}) g ` +
      `WHERE (SELECT count(*) FROM ${t}) < ${tableCap(ctx)}${conflict}${ret.clause}`,
    { detail: ret.detail },
  );
}

function paramValue(kind: string, n: number): SqlParam | undefined {
  switch (kind) {
    case 'int':
      return n;
    case 'numeric':
      return `${n}.5`;
    case 'float':
      return n / 4;
    case 'text':
      return `p${n}`;
    case 'bool':
      return n % 2 === 0;
    case 'date':
      return `2021-01-${String((n % 28) + 1).padStart(2, '0')}`;
    default:
      return undefined;
  }
}

/** INSERT ... VALUES with bind parameters over the extended protocol. */
function insertValues(ctx: GenContext, relation: CatalogRelation): SqlStep {
  const { rng } = ctx;
  const columns = fillableColumns(relation).filter((c) => c.type !== 'smallint' && paramValue(c.kind, 0) !== undefined);
  if (columns.length === 0) return insertSeries(ctx, relation);
  const params: SqlParam[] = [];
  const rows = Array.from({ length: rng.int(1, 4) }, () => {
    const n = rng.int(100_000, 400_000);
    const placeholders = columns.map((c) => {
      params.push(paramValue(c.kind, n)!);
      return `$${params.length}`;
    });
    return `(${placeholders.join(', ')})`;
  });
  const ret = returning(ctx, relation);
  return query(`INSERT INTO ${ident(relation.name)} (${columns.map((c) => c.name).join(', ')}) VALUES ${rows.join(', ')}${ret.clause}`, {
    params,
    detail: ret.detail,
  });
}

function update(ctx: GenContext, relation: CatalogRelation): SqlStep {
  const columns = updatableColumns(relation);
  if (columns.length === 0) return insertSeries(ctx, relation);
  const scope = scopeOf(ctx, scopeColumns(relation), true);
  const target = ctx.rng.pick(columns);
  const ret = returning(ctx, relation);
  return query(
    `UPDATE ${ident(relation.name)} SET ${target.name} = ${expression(ctx, scope, target.kind, 1)} WHERE ${predicate(ctx, scope)}${ret.clause}`,
    { detail: ret.detail },
  );
}

function remove(ctx: GenContext, relation: CatalogRelation): SqlStep {
  const scope = scopeOf(ctx, scopeColumns(relation), true);
  const ret = returning(ctx, relation);
  return query(`DELETE FROM ${ident(relation.name)} WHERE ${predicate(ctx, scope)}${ret.clause}`, { detail: ret.detail });
}

/** Statements tied to the seed schema's shape: joins between tables, partition moves, TOAST. */
function seedSpecific(ctx: GenContext): SqlStep[] {
  const { rng } = ctx;
  const from = rng.int(0, 100_000);
  return rng.pick<() => SqlStep[]>([
    () => [
      ...maybeEnsure(ctx, 'sf_t7', 2),
      query('UPDATE sf_t7 t SET ref = s.k FROM sf_t0 s WHERE s.k = t.k AND t.ref IS NULL', { detail: 'count' }),
    ],
    () => [...maybeEnsure(ctx, 'sf_t3', 2), query(`UPDATE sf_t3 SET k = k + 50000 WHERE k < ${rng.int(100, 5000)}`, { detail: 'count' })],
    () => [query(`UPDATE sf_t4 SET big = repeat(md5(k::text || 'u'), ${rng.int(10, 200)}) WHERE k % ${rng.int(2, 9)} = 0`, { detail: 'count' })],
    () => [query('DELETE FROM sf_t6 a USING sf_t0 b WHERE a.k = b.k AND b.b', { detail: 'count' })],
    () => [
      query(
        `MERGE INTO sf_t0 t USING (SELECT g AS k, md5(g::text) AS v FROM generate_series(${from}, ${from + rng.int(1, 3000)}) g) s ON t.k = s.k ` +
          `WHEN MATCHED AND t.k % 3 = 0 THEN DELETE WHEN MATCHED THEN UPDATE SET v = s.v ` +
          `WHEN NOT MATCHED AND (SELECT count(*) FROM sf_t0) < ${tableCap(ctx)} THEN INSERT (k, v) VALUES (s.k, s.v)`,
        { detail: 'count' },
      ),
    ],
    () => [query(`WITH d AS (DELETE FROM sf_t1 WHERE k % ${rng.int(5, 50)} = 0 RETURNING k) SELECT count(*), sum(k) FROM d`, { detail: 'rows' })],
    () => [
      query(`WITH u AS (UPDATE sf_t2 SET v = upper(v) WHERE k < ${rng.int(10, 3000)} RETURNING k) SELECT count(*), sum(k) FROM u`, {
        detail: 'rows',
      }),
    ],
  ])();
}

export function dmlFamily(ctx: GenContext): FamilyDraft {
  const { rng } = ctx;
  const first = pickTable(ctx);
  const steps: SqlStep[] = [...maybeEnsure(ctx, first.name)];
  for (let i = rng.int(1, 5); i > 0; i--) {
    const relation = i === 1 ? first : pickTable(ctx);
    const production = rng.weighted<() => SqlStep[]>([
      [4, () => [insertSeries(ctx, relation)]],
      [2, () => [insertValues(ctx, relation)]],
      [3, () => [update(ctx, relation)]],
      [2, () => [remove(ctx, relation)]],
      [3, () => seedSpecific(ctx)],
    ]);
    steps.push(...production());
  }
  return { steps };
}
