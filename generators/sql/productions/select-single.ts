import type { CatalogRelation } from '../catalog.js';
import type { ResultDetail } from '../unit.js';
import { ident, pickRelation, type GenContext } from './context.js';
import { columnKind, expression, predicate, scopeColumns, scopeOf, type ExprScope } from './expressions.js';

/**
 * SELECT shapes over one relation. Each keeps its answer stable: LIMIT only under an ORDER BY
 * of every output column (the kept multiset is then fixed), row_number() and lag() only over a
 * unique key, output bounded by LIMIT, grouping or the first rows in key order. The key itself
 * is never shown nor compared with a constant: it may be drawn from a sequence.
 */

export interface ReadQuery {
  readonly sql: string;
  readonly detail: ResultDetail;
}

export function orderByAll(count: number): string {
  return Array.from({ length: count }, (_, i) => i + 1).join(', ');
}

function optionalWhere(ctx: GenContext, scope: ExprScope): string {
  return ctx.rng.oneIn(2) ? ` WHERE ${predicate(ctx, scope)}` : '';
}

/**
 * At most about `rows` rows of the relation: its first rows in key order (which sequence gaps
 * do not change), a k range, or every row.
 */
export function boundedRows(ctx: GenContext, relation: CatalogRelation, alias: string, rows: number): string {
  const prefix = alias ? `${alias}.` : '';
  if (relation.key) {
    const key = ident(relation.key);
    return `${prefix}${key} IN (SELECT ${key} FROM ${ident(relation.name)} ORDER BY ${key} LIMIT ${ctx.rng.int(1, rows)})`;
  }
  if (relation.columns.some((c) => c.name === 'k')) {
    const from = ctx.rng.int(0, 2000);
    return `${prefix}k BETWEEN ${from} AND ${from + ctx.rng.int(1, rows)}`;
  }
  return 'true';
}

function relationScope(ctx: GenContext, relation: CatalogRelation, safe: boolean): ExprScope {
  return scopeOf(ctx, scopeColumns(relation), safe);
}

export function projection(ctx: GenContext): ReadQuery {
  const { rng } = ctx;
  const relation = pickRelation(ctx);
  const scope = relationScope(ctx, relation, true);
  const count = rng.int(1, 3);
  const columns = Array.from({ length: count }, (_, i) => `${expression(ctx, scope, columnKind(ctx, scope))} AS c${i}`);
  const distinct = rng.oneIn(4) ? 'DISTINCT ' : '';
  const offset = rng.oneIn(4) ? ` OFFSET ${rng.int(1, 50)}` : '';
  return {
    sql: `SELECT ${distinct}${columns.join(', ')} FROM ${ident(relation.name)}${optionalWhere(ctx, scope)} ORDER BY ${orderByAll(count)} LIMIT ${rng.int(1, 100)}${offset}`,
    detail: 'rows',
  };
}

export function grouped(ctx: GenContext): ReadQuery {
  const { rng } = ctx;
  const relation = pickRelation(ctx);
  const scope = relationScope(ctx, relation, true);
  const key = rng.oneIn(3) ? expression(ctx, scope, columnKind(ctx, scope), 1) : `(${expression(ctx, scope, 'int', 1)} % ${rng.int(2, 40)})`;
  const text = expression(ctx, scope, 'text', 1);
  const aggregates = rng.sample(
    [
      'count(*)',
      `count(DISTINCT ${expression(ctx, scope, 'int', 1)})`,
      `sum(${expression(ctx, scope, 'int', 1)})`,
      `avg(${expression(ctx, scope, 'int', 1)})`,
      `min(${text})`,
      `max(${expression(ctx, scope, 'date', 1)})`,
      `bool_and(${predicate(ctx, scope, 1)})`,
      `left(string_agg(${text}, ',' ORDER BY ${text}), 64)`,
      `count(*) FILTER (WHERE ${predicate(ctx, scope, 1)})`,
      `sum(${expression(ctx, scope, 'numeric', 1)})`,
    ],
    rng.int(1, 4),
  );
  const having = rng.oneIn(3) ? ` HAVING count(*) > ${rng.int(0, 20)}` : '';
  return {
    sql: `SELECT ${key} AS g, ${aggregates.join(', ')} FROM ${ident(relation.name)}${optionalWhere(ctx, scope)} GROUP BY 1${having} ORDER BY 1 LIMIT 50`,
    detail: 'rows',
  };
}

export function windowed(ctx: GenContext): ReadQuery {
  const { rng } = ctx;
  const relation = pickRelation(ctx);
  const scope = relationScope(ctx, relation, true);
  const rankBy = expression(ctx, scope, columnKind(ctx, scope), 1);
  const part = `(${expression(ctx, scope, 'int', 1)} % ${rng.int(2, 9)})`;
  const tieFree = [
    `rank() OVER (ORDER BY ${rankBy})`,
    `dense_rank() OVER (PARTITION BY ${part} ORDER BY ${rankBy})`,
    `count(*) OVER (PARTITION BY ${part})`,
  ];
  if (!relation.key) {
    // Without a unique key only tie-insensitive windows, folded into an aggregate.
    return {
      sql: `SELECT count(*), sum(w) FROM (SELECT ${rng.pick(tieFree)} AS w FROM ${ident(relation.name)}) s`,
      detail: 'rows',
    };
  }
  const key = ident(relation.key);
  const keyed = [
    `row_number() OVER (ORDER BY ${key} DESC)`,
    `sum(${expression(ctx, scope, 'int', 1)}) OVER (PARTITION BY ${part} ORDER BY ${key})`,
    `lag(${expression(ctx, scope, 'text', 1)}) OVER (ORDER BY ${key})`,
    `first_value(${expression(ctx, scope, 'text', 1)}) OVER (PARTITION BY ${part} ORDER BY ${key} ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)`,
    `ntile(4) OVER (ORDER BY ${key})`,
  ];
  const windows = rng.sample([...tieFree, ...keyed], rng.int(1, 3));
  return {
    sql: `SELECT row_number() OVER (ORDER BY ${key}) AS n, ${windows.join(', ')} FROM ${ident(relation.name)} WHERE ${boundedRows(ctx, relation, '', 200)} ORDER BY 1`,
    detail: 'rows',
  };
}

export function distinctOn(ctx: GenContext): ReadQuery {
  const relation = pickRelation(ctx);
  if (!relation.key) return grouped(ctx);
  const scope = relationScope(ctx, relation, true);
  const key = ident(relation.key);
  const group = `(${expression(ctx, scope, 'int', 1)} % ${ctx.rng.int(2, 30)})`;
  const extra = expression(ctx, scope, columnKind(ctx, scope), 1);
  return {
    sql: `SELECT DISTINCT ON (g) g, x FROM (SELECT ${group} AS g, ${key} AS o, ${extra} AS x FROM ${ident(relation.name)}) s ORDER BY g, o`,
    detail: 'rows',
  };
}

export function groupingSets(ctx: GenContext): ReadQuery {
  const { rng } = ctx;
  const relation = pickRelation(ctx);
  const scope = relationScope(ctx, relation, true);
  const a = `(${expression(ctx, scope, 'int', 1)} % ${rng.int(2, 5)})`;
  const b = `(${expression(ctx, scope, 'int', 1)} % ${rng.int(2, 4)})`;
  const sets = rng.pick(['ROLLUP (1, 2)', 'CUBE (1, 2)', 'GROUPING SETS ((1), (2), ())']);
  return {
    sql: `SELECT ${a} AS a, ${b} AS b, GROUPING(${a}, ${b}) AS gr, count(*) FROM ${ident(relation.name)} GROUP BY ${sets}`,
    detail: 'rows',
  };
}

/** TABLESAMPLE counts depend on the physical layout, which vacuum changes: command class only. */
export function sampled(ctx: GenContext): ReadQuery {
  const relation = pickRelation(ctx);
  const method = ctx.rng.pick(['SYSTEM', 'BERNOULLI']);
  return {
    sql: `SELECT count(*) FROM ${ident(relation.name)} TABLESAMPLE ${method} (${ctx.rng.int(1, 100)}) REPEATABLE (${ctx.rng.int(0, 99)})`,
    detail: 'class',
  };
}

/** Functions learned from pg_proc over a few rows: they may raise, so no LIMIT is involved. */
export function learnedFunctions(ctx: GenContext): ReadQuery {
  const relation = pickRelation(ctx);
  const scope = relationScope(ctx, relation, false);
  const columns = Array.from({ length: ctx.rng.int(1, 3) }, () => expression(ctx, scope, columnKind(ctx, scope), 2));
  return {
    sql: `SELECT ${columns.join(', ')} FROM ${ident(relation.name)} WHERE ${boundedRows(ctx, relation, '', 30)}`,
    detail: 'rows',
  };
}
