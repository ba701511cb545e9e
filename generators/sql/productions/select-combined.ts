import { visibleColumns, type CatalogRelation } from '../catalog.js';
import { typeKind, type TypeKind } from '../type-kinds.js';
import { ident, pickRelation, type GenContext } from './context.js';
import { expression, predicate, scopeColumns, scopeOf } from './expressions.js';
import { boundedRows, grouped, type ReadQuery } from './select-single.js';

/**
 * SELECT shapes over several relations: joins, CTEs (recursive too), subqueries, set operations,
 * LATERAL. Joins are equi-joins on integer columns so no shape turns into a cartesian product;
 * results are aggregated or bounded by a key range.
 */

/** The integer column to join on: k when there is one, else any visible integer column. */
function joinColumn(relation: CatalogRelation): string | null {
  const columns = visibleColumns(relation).filter((c) => typeKind(c.type) === 'int');
  return (columns.find((c) => c.name === 'k') ?? columns[0])?.name ?? null;
}

function twoJoinable(ctx: GenContext): [CatalogRelation, string, CatalogRelation, string] | null {
  for (let attempt = 0; attempt < 4; attempt++) {
    const a = pickRelation(ctx);
    const b = pickRelation(ctx);
    const ka = joinColumn(a);
    const kb = joinColumn(b);
    if (ka && kb) return [a, ident(ka), b, ident(kb)];
  }
  return null;
}

export function joined(ctx: GenContext): ReadQuery {
  const { rng } = ctx;
  const pair = twoJoinable(ctx);
  if (!pair) return grouped(ctx);
  const [a, ka, b, kb] = pair;
  const scopeA = scopeOf(ctx, scopeColumns(a, 'a'), true);
  const scopeB = scopeOf(ctx, scopeColumns(b, 'b'), true);
  const join = rng.pick(['JOIN', 'LEFT JOIN', 'RIGHT JOIN', 'FULL JOIN']);
  const extra = rng.oneIn(3) ? ` AND ${predicate(ctx, scopeB, 1)}` : '';
  const where = rng.oneIn(2) ? ` WHERE ${predicate(ctx, scopeA, 1)}` : '';
  const columns = [`count(*)`, `count(b.${kb})`, `sum(a.${ka})`, `max(${expression(ctx, scopeB, 'text', 1)})`];
  if (rng.oneIn(5)) {
    return { sql: `SELECT count(*) FROM ${ident(a.name)} NATURAL JOIN ${ident(b.name)}`, detail: 'rows' };
  }
  return {
    sql: `SELECT ${rng.sample(columns, rng.int(1, 4)).join(', ')} FROM ${ident(a.name)} a ${join} ${ident(b.name)} b ON a.${ka} = b.${kb}${extra}${where}`,
    detail: 'rows',
  };
}

export function withCte(ctx: GenContext): ReadQuery {
  const { rng } = ctx;
  const relation = pickRelation(ctx);
  const scope = scopeOf(ctx, scopeColumns(relation), true);
  const materialized = rng.pick(['', 'MATERIALIZED ', 'NOT MATERIALIZED ']);
  const x = expression(ctx, scope, 'int', 1);
  const y = expression(ctx, scope, 'text', 1);
  const where = rng.oneIn(2) ? ` WHERE ${predicate(ctx, scope, 1)}` : '';
  return {
    sql:
      `WITH c AS ${materialized}(SELECT ${x} AS x, ${y} AS y FROM ${ident(relation.name)}${where}) ` +
      `SELECT count(*), count(DISTINCT x), min(y), (SELECT count(*) FROM c WHERE y IS NOT NULL) FROM c`,
    detail: 'rows',
  };
}

export function recursiveCte(ctx: GenContext): ReadQuery {
  const { rng } = ctx;
  const relation = pickRelation(ctx);
  const column = joinColumn(relation);
  if (column === null || rng.oneIn(2)) {
    const depth = rng.int(10, 3000);
    return {
      sql:
        `WITH RECURSIVE r(n, s) AS (SELECT 1, 'a'::text UNION ALL SELECT n + 1, right(s || n, 40) FROM r WHERE n < ${depth}) ` +
        `SELECT count(*), max(n), md5(string_agg(s, ',' ORDER BY n)) FROM r`,
      detail: 'rows',
    };
  }
  const k = ident(column);
  const t = ident(relation.name);
  return {
    sql:
      `WITH RECURSIVE walk(k, depth) AS (SELECT ${k}, 1 FROM ${t} WHERE ${k} < ${rng.int(2, 50)} ` +
      `UNION SELECT t.${k}, w.depth + 1 FROM walk w JOIN ${t} t ON t.${k} = w.k * 2 WHERE w.depth < ${rng.int(2, 10)}) ` +
      `SELECT count(*), max(depth), sum(k) FROM walk`,
    detail: 'rows',
  };
}

export function subquery(ctx: GenContext): ReadQuery {
  const { rng } = ctx;
  const pair = twoJoinable(ctx);
  if (!pair) return grouped(ctx);
  const [a, ka, b, kb] = pair;
  const scopeB = scopeOf(ctx, scopeColumns(b, 'b'), true);
  const p = predicate(ctx, scopeB, 1);
  const from = `${ident(a.name)} a`;
  const shapes = [
    `SELECT count(*), min(a.${ka}) FROM ${from} WHERE a.${ka} IN (SELECT b.${kb} FROM ${ident(b.name)} b WHERE ${p})`,
    `SELECT count(*) FROM ${from} WHERE EXISTS (SELECT 1 FROM ${ident(b.name)} b WHERE b.${kb} = a.${ka} AND ${p})`,
    `SELECT count(*) FROM ${from} WHERE NOT EXISTS (SELECT 1 FROM ${ident(b.name)} b WHERE b.${kb} = a.${ka})`,
    `SELECT count(*) FROM ${from} WHERE a.${ka} = ANY (ARRAY(SELECT b.${kb} FROM ${ident(b.name)} b WHERE ${p}))`,
  ];
  if (a.key) {
    shapes.push(
      `SELECT a.${ka}, (SELECT max(${expression(ctx, scopeB, 'text', 1)}) FROM ${ident(b.name)} b WHERE b.${kb} = a.${ka}) ` +
        `FROM ${from} WHERE ${boundedRows(ctx, a, 'a', 40)}`,
    );
  }
  return { sql: rng.pick(shapes), detail: 'rows' };
}

const SET_OPERATORS = ['UNION', 'UNION ALL', 'INTERSECT', 'INTERSECT ALL', 'EXCEPT', 'EXCEPT ALL'];
const SET_KINDS: readonly TypeKind[] = ['int', 'numeric', 'text', 'date'];

export function setOperation(ctx: GenContext): ReadQuery {
  const { rng } = ctx;
  const kind = rng.pick(SET_KINDS);
  const side = (): string => {
    const relation = pickRelation(ctx);
    const scope = scopeOf(ctx, scopeColumns(relation), true);
    const where = rng.oneIn(2) ? ` WHERE ${predicate(ctx, scope, 1)}` : '';
    return `SELECT ${expression(ctx, scope, kind, 1)} AS x FROM ${ident(relation.name)}${where}`;
  };
  const combined = `${side()} ${rng.pick(SET_OPERATORS)} ${side()}`;
  if (rng.oneIn(2)) return { sql: `${combined} ORDER BY 1 LIMIT ${rng.int(1, 60)}`, detail: 'rows' };
  return { sql: `SELECT count(*), count(DISTINCT x) FROM (${combined}) s`, detail: 'rows' };
}

export function lateral(ctx: GenContext): ReadQuery {
  const { rng } = ctx;
  const pair = twoJoinable(ctx);
  if (!pair || rng.oneIn(3)) {
    const relation = pickRelation(ctx);
    const column = joinColumn(relation);
    if (column === null) return grouped(ctx);
    const buckets = rng.int(2, 8);
    return {
      sql: `SELECT s.g, count(t.*) FROM generate_series(0, ${buckets - 1}) s(g) LEFT JOIN ${ident(relation.name)} t ON t.${ident(column)} % ${buckets} = s.g GROUP BY 1`,
      detail: 'rows',
    };
  }
  const [a, ka, b, kb] = pair;
  return {
    sql:
      `SELECT a.${ka}, l.c FROM ${ident(a.name)} a CROSS JOIN LATERAL ` +
      `(SELECT count(*) AS c FROM ${ident(b.name)} b WHERE b.${kb} = a.${ka}) l WHERE a.${ka} < ${rng.int(1, 60)}`,
    detail: 'rows',
  };
}
