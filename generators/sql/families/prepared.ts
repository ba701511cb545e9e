import { visibleColumns, type CatalogRelation } from '../catalog.js';
import { ident, maybeEnsure, pickRelation, query, read, type FamilyDraft, type GenContext } from '../productions/context.js';
import { typeKind } from '../type-kinds.js';
import type { NamedStatementStep, SqlParam, SqlStep } from '../unit.js';

/**
 * sql:prepared: SQL-level PREPARE / EXECUTE / DEALLOCATE, protocol-level named statements run
 * several times (custom, then generic plans), portals fetched a page at a time, and cursors
 * (DECLARE, FETCH, MOVE, WITH HOLD, SCROLL).
 */

/** A parameterized statement over a relation, with a way to draw its parameters. */
interface Parameterized {
  readonly sql: string;
  readonly params: (n: number) => SqlParam[];
}

function intColumn(relation: CatalogRelation): string | null {
  const columns = visibleColumns(relation).filter((c) => typeKind(c.type) === 'int');
  const column = columns.find((c) => c.name === 'k') ?? columns[0];
  return column ? ident(column.name) : null;
}

function parameterized(ctx: GenContext, relation: CatalogRelation): Parameterized {
  const t = ident(relation.name);
  const k = intColumn(relation);
  const shapes: Parameterized[] = [
    { sql: 'SELECT $1::int * 2, $2::text || $3::text', params: (n) => [n, `a${n}`, 'b'] },
    { sql: 'SELECT count(*) FROM generate_series(1, $1::int) g WHERE g % $2::int = 0', params: (n) => [n % 5000, (n % 7) + 1] },
  ];
  if (k) {
    shapes.push(
      { sql: `SELECT count(*), sum(${k}) FROM ${t} WHERE ${k} BETWEEN $1 AND $2`, params: (n) => [n % 3000, (n % 3000) + 200] },
      { sql: `SELECT count(*) FROM ${t} WHERE ${k} = ANY ($1::int[])`, params: (n) => [`{${n % 100},${n % 1000},${n}}`] },
    );
  }
  if (k && relation.key) {
    const key = ident(relation.key);
    shapes.push({ sql: `SELECT ${k} FROM ${t} ORDER BY ${key} LIMIT $1`, params: (n) => [n % 300] });
  }
  return ctx.rng.pick(shapes);
}

/** A small stable name for a statement text: pg insists a name keeps its text on a connection. */
export function statementName(sql: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < sql.length; i++) hash = Math.imul(hash ^ sql.charCodeAt(i), 0x01000193);
  return `sf_ps_${(hash >>> 0).toString(16)}`;
}

function named(ctx: GenContext, statement: Parameterized, rowsPerFetch: number | null): NamedStatementStep {
  return {
    kind: 'named',
    conn: 0,
    name: statementName(statement.sql),
    sql: statement.sql,
    params: statement.params(ctx.rng.int(0, 100_000)),
    rowsPerFetch,
    detail: 'rows',
  };
}

function protocolStatements(ctx: GenContext, relation: CatalogRelation): SqlStep[] {
  const { rng } = ctx;
  const statement = parameterized(ctx, relation);
  const steps: SqlStep[] = [];
  if (rng.oneIn(3)) steps.push(query(`SET plan_cache_mode = ${rng.pick(['auto', 'force_generic_plan', 'force_custom_plan'])}`));
  const paged = rng.oneIn(3) ? rng.int(1, 50) : null;
  for (let i = rng.int(1, 7); i > 0; i--) steps.push(named(ctx, statement, paged));
  if (rng.oneIn(6)) {
    // One parameter too few: the server refuses the Bind (08P01).
    const step = named(ctx, statement, null);
    steps.push({ ...step, params: step.params.slice(1) });
  }
  return steps;
}

function sqlPrepare(ctx: GenContext, relation: CatalogRelation): SqlStep[] {
  const { rng } = ctx;
  const name = `sf_p${rng.int(0, 3)}`;
  const k = intColumn(relation) ?? '1';
  const steps: SqlStep[] = [
    query(`DEALLOCATE ${rng.oneIn(3) ? 'ALL' : `PREPARE ${name}`}`),
    query(`PREPARE ${name} (int, int) AS SELECT count(*), min(${k}) FROM ${ident(relation.name)} WHERE ${k} > $1 AND ${k} < $1 + $2`),
  ];
  for (let i = rng.int(1, 6); i > 0; i--) steps.push(read(ctx, `EXECUTE ${name}(${rng.int(0, 3000)}, ${rng.int(1, 500)})`));
  if (rng.oneIn(3)) steps.push(query(`SELECT name, statement FROM pg_prepared_statements ORDER BY name`, { detail: 'rows' }));
  if (rng.oneIn(4)) steps.push(query(`EXPLAIN EXECUTE ${name}(1, 10)`));
  if (rng.oneIn(2)) steps.push(query(`DEALLOCATE ${name}`));
  return steps;
}

function cursors(ctx: GenContext, relation: CatalogRelation): SqlStep[] {
  const { rng } = ctx;
  const visible = visibleColumns(relation).map((c) => ident(c.name));
  const columns = visible.length > 0 ? visible.join(', ') : '1';
  const order = relation.key ? ident(relation.key) : visible.map((_, i) => i + 1).join(', ') || '1';
  const hold = rng.oneIn(3);
  const scroll = rng.oneIn(2) ? 'SCROLL ' : '';
  const steps: SqlStep[] = [
    query('BEGIN'),
    query(`DECLARE sf_cur ${scroll}CURSOR ${hold ? 'WITH HOLD ' : ''}FOR SELECT ${columns} FROM ${ident(relation.name)} ORDER BY ${order}`),
  ];
  for (let i = rng.int(1, 4); i > 0; i--) {
    const move = rng.pick(['FETCH 5', 'FETCH FORWARD 20', 'MOVE 10', 'FETCH BACKWARD 3', 'FETCH ABSOLUTE 7', 'FETCH LAST', 'FETCH NEXT']);
    steps.push(read(ctx, `${move} FROM sf_cur`, relation.key ? 'rows' : 'count'));
  }
  if (hold) steps.push(query('COMMIT'), read(ctx, 'FETCH 10 FROM sf_cur', relation.key ? 'rows' : 'count'), query('CLOSE sf_cur'));
  else steps.push(query(rng.bool() ? 'CLOSE sf_cur' : 'COMMIT'));
  return steps;
}

export function preparedFamily(ctx: GenContext): FamilyDraft {
  const { rng } = ctx;
  const relation = pickRelation(ctx);
  const steps: SqlStep[] = [...maybeEnsure(ctx, relation.name)];
  const production = rng.weighted<(c: GenContext, r: CatalogRelation) => SqlStep[]>([
    [3, protocolStatements],
    [2, sqlPrepare],
    [2, cursors],
  ]);
  steps.push(...production(ctx, relation));
  return { steps };
}
