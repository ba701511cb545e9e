import { visibleColumns, type CatalogFunction, type CatalogRelation } from '../catalog.js';
import { kindLiteral, typeKind, type TypeKind } from '../type-kinds.js';
import { ident, type GenContext } from './context.js';

/**
 * Type-directed scalar expressions over the columns in scope, SQLsmith-style but tame: no
 * division, no casts that can fail, arithmetic kept far from overflow. "Safe" expressions never
 * raise on any row, so a query's answer cannot depend on which rows the plan evaluated first
 * (LIMIT with an index scan). Catalog functions may raise on odd inputs and are unsafe.
 */

export interface ScopeColumn {
  /** The column as SQL (qualified, cast where needed). */
  readonly ref: string;
  readonly kind: TypeKind;
}

export interface ExprScope {
  readonly columns: readonly ScopeColumn[];
  readonly functions: readonly CatalogFunction[];
  /** Whether expressions must never raise (see above). */
  readonly safe: boolean;
}

/** The visible columns of a relation (not sequence-drawn) as scope entries, under an alias when given. */
export function scopeColumns(relation: CatalogRelation, alias?: string): ScopeColumn[] {
  return visibleColumns(relation).map((c) => {
    const ref = alias ? `${alias}.${ident(c.name)}` : ident(c.name);
    // smallint + smallint overflows at 32767: widen before any arithmetic.
    return { ref: c.type === 'smallint' ? `${ref}::int` : ref, kind: typeKind(c.type) };
  });
}

export function scopeOf(ctx: GenContext, columns: readonly ScopeColumn[], safe: boolean): ExprScope {
  return { columns, functions: ctx.catalog.functions, safe };
}

const COMPARISONS = ['<', '<=', '=', '<>', '>=', '>'];

type Builder = (x: (kind: TypeKind) => string, lit: () => number) => string;

const PRODUCTIONS: Readonly<Record<Exclude<TypeKind, 'other'>, readonly Builder[]>> = {
  int: [
    (x) => `(${x('int')} + ${x('int')})`,
    (x, n) => `(${x('int')} % ${n() + 2})`,
    (x) => `abs(${x('int')})`,
    (x) => `length(${x('text')})`,
    (x, n) => `coalesce(${x('int')}, ${n()})`,
    (x) => `CASE WHEN ${x('bool')} THEN ${x('int')} ELSE ${x('int')} END`,
    (x) => `greatest(${x('int')}, ${x('int')})`,
    (x) => `(${x('int')} & 255)`,
    (x) => `extract(day FROM ${x('date')})::int`,
    (x) => `octet_length(${x('bytea')})`,
  ],
  numeric: [
    (x, n) => `(${x('int')}::numeric * ${n()}.5)`,
    (x) => `round(${x('numeric')}, 1)`,
    (x) => `(${x('numeric')} + ${x('numeric')})`,
    (x) => `abs(${x('numeric')})`,
    (x) => `trunc(${x('numeric')})`,
    (x) => `${x('float')}::numeric(20,4)`,
  ],
  float: [
    (x) => `(${x('int')}::float8 * 0.25)`,
    (x) => `sqrt(abs(${x('float')}))`,
    (x) => `floor(${x('float')})`,
    (x) => `ln(abs(${x('float')}) + 1)`,
  ],
  text: [
    (x) => `lower(${x('text')})`,
    (x) => `upper(${x('text')})`,
    (x) => `md5(${x('text')})`,
    (x, n) => `substr(${x('text')}, ${(n() % 5) + 1}, ${(n() % 9) + 1})`,
    (x) => `(${x('text')} || ${x('text')})`,
    (x) => `${x('int')}::text`,
    (x) => `replace(${x('text')}, 'v', 'w')`,
    (x) => `regexp_replace(${x('text')}, '[0-9]+', '#', 'g')`,
    (x) => `split_part(${x('text')}, '1', 2)`,
    (x) => `to_hex(${x('int')})`,
    (x) => `format('%s:%s', ${x('text')}, ${x('int')})`,
    (x) => `coalesce(${x('text')}, '')`,
    (x) => `reverse(${x('text')})`,
    (x) => `(${x('jsonb')} ->> 'm')`,
    (x) => `encode(${x('bytea')}, 'hex')`,
    (x) => `to_char(${x('date')}, 'YYYY-MM')`,
  ],
  bool: [
    (x, n) => `(${x('int')} ${COMPARISONS[n() % COMPARISONS.length]} ${x('int')})`,
    (x, n) => `(${x('text')} LIKE 'v${n() % 10}%')`,
    (x) => `(${x('text')} ~ '^v[0-9]{2}$')`,
    (x) => `NOT ${x('bool')}`,
    (x) => `(${x('bool')} AND ${x('bool')})`,
    (x) => `(${x('bool')} OR ${x('bool')})`,
    (x) => `(${x('text')} IS NULL)`,
    (x, n) => `(${x('int')} BETWEEN ${n()} AND ${n() + 500})`,
    (x, n) => `(${x('int')} IN (${n()}, ${n()}, ${n()}))`,
    (x) => `(${x('jsonb')} ? 'g')`,
    (x, n) => `(${x('jsonb')} @> '{"g": ${n()}}')`,
    (x) => `(${x('date')} > date '2021-06-01')`,
    (x) => `starts_with(${x('text')}, 'v1')`,
  ],
  date: [(x) => `(${x('date')} + (${x('int')} % 30)::int)`, (x) => `date_trunc('month', ${x('date')})::date`, (x) => `${x('timestamp')}::date`],
  timestamp: [(x) => `(${x('timestamp')} + interval '1 day')`, (x) => `date_trunc('hour', ${x('timestamp')})`, (x) => `${x('date')}::timestamp`],
  jsonb: [(x) => `jsonb_build_object('g', ${x('int')}, 'm', ${x('text')})`, (x) => `(${x('jsonb')} - 'm')`, (x) => `(${x('jsonb')} || '{"x": 1}')`],
  bytea: [(x) => `decode(md5(${x('text')}), 'hex')`, (x) => `sha256(${x('bytea')})`, (x) => `convert_to(${x('text')}, 'UTF8')`],
};

/** A literal of the kind (jsonb and bytea literals are built to match what the fills hold). */
function leafLiteral(ctx: GenContext, kind: TypeKind): string {
  return kindLiteral(kind, ctx.rng.int(0, 3000));
}

/** An expression of `kind`, at most `depth` operators deep. */
export function expression(ctx: GenContext, scope: ExprScope, kind: TypeKind, depth = 2): string {
  const { rng } = ctx;
  const columns = scope.columns.filter((c) => c.kind === kind);
  if (kind === 'other' || depth <= 0 || rng.oneIn(3)) {
    if (columns.length > 0 && !rng.oneIn(5)) return rng.pick(columns).ref;
    return leafLiteral(ctx, kind);
  }
  const functions = scope.safe ? [] : scope.functions.filter((f) => f.returns === kind);
  if (functions.length > 0 && rng.oneIn(4)) {
    const fn = rng.pick(functions);
    const args = fn.args.map((arg, i) => `(${expression(ctx, scope, arg, depth - 1)})::${fn.argTypes[i]}`);
    return `${fn.name}(${args.join(', ')})`;
  }
  const build = rng.pick(PRODUCTIONS[kind]);
  return build(
    (inner) => expression(ctx, scope, inner, depth - 1),
    () => rng.int(0, 2000),
  );
}

/** A boolean condition over the scope. */
export function predicate(ctx: GenContext, scope: ExprScope, depth = 2): string {
  return expression(ctx, scope, 'bool', Math.max(1, depth));
}

/** A kind the scope has a column of (int when it has none). */
export function columnKind(ctx: GenContext, scope: ExprScope): TypeKind {
  const kinds = [...new Set(scope.columns.map((c) => c.kind))].filter((k) => k !== 'other');
  return kinds.length > 0 ? ctx.rng.pick(kinds) : 'int';
}
