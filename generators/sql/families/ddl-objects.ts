import { ident, pickRelation, pickTable, query, read, type GenContext } from '../productions/context.js';
import { expression, scopeColumns, scopeOf } from '../productions/expressions.js';
import { SEED_MATVIEWS, SEED_SEQUENCES, SEED_VIEWS } from '../seed-schema.js';
import type { SqlStep } from '../unit.js';

/** DDL of the objects around the tables: views, materialized views, sequences, schemas, types. */

function views(ctx: GenContext): SqlStep[] {
  const { rng } = ctx;
  if (rng.oneIn(2)) {
    const view = rng.pick(SEED_VIEWS);
    return rng.oneIn(4) ? [query(`DROP VIEW IF EXISTS ${view.name}`)] : [query(`CREATE OR REPLACE VIEW ${view.name} AS ${view.sql}`)];
  }
  const relation = pickRelation(ctx);
  const scope = scopeOf(ctx, scopeColumns(relation), true);
  const name = `sf_vq${rng.int(0, 3)}`;
  const columns = [expression(ctx, scope, 'int', 1), expression(ctx, scope, 'text', 1)];
  const check = relation.kind === 'table' && rng.oneIn(3) ? ' WITH LOCAL CHECK OPTION' : '';
  return [
    query(`DROP VIEW IF EXISTS ${name}`),
    query(`CREATE VIEW ${name} (a, b) AS SELECT ${columns.join(', ')} FROM ${ident(relation.name)}${check}`),
    read(ctx, `SELECT count(*), count(DISTINCT a), max(b) FROM ${name}`),
  ];
}

function matviews(ctx: GenContext): SqlStep[] {
  const { rng } = ctx;
  const view = rng.pick(SEED_MATVIEWS);
  return rng.weighted<() => SqlStep[]>([
    [3, () => [query(`CREATE MATERIALIZED VIEW IF NOT EXISTS ${view.name} AS ${view.sql}`), query(view.uniqueIndex)]],
    [1, () => [query(`DROP MATERIALIZED VIEW IF EXISTS ${view.name}`)]],
    [
      1,
      () => [
        query(`DROP MATERIALIZED VIEW IF EXISTS sf_mvx`),
        query(`CREATE MATERIALIZED VIEW sf_mvx AS ${view.sql} WITH NO DATA`),
        query('SELECT count(*) FROM sf_mvx', { detail: 'rows' }),
        query('REFRESH MATERIALIZED VIEW sf_mvx'),
        query('SELECT count(*) FROM sf_mvx', { detail: 'rows' }),
      ],
    ],
  ])();
}

function sequences(ctx: GenContext): SqlStep[] {
  const { rng } = ctx;
  const name = rng.pick(SEED_SEQUENCES);
  const options = rng.pick(['', ` INCREMENT ${rng.int(2, 9)}`, ` CACHE ${rng.int(2, 20)}`, ` MAXVALUE ${rng.int(3, 9)} CYCLE`, ' AS smallint']);
  return rng.weighted<() => SqlStep[]>([
    // nextval answers say how many rows, not which values: crash recovery may skip ahead.
    [3, () => [query(`CREATE SEQUENCE IF NOT EXISTS ${name}${options}`), query(`SELECT nextval('${name}')`, { detail: 'count' })]],
    [1, () => [query(`ALTER SEQUENCE ${name} RESTART WITH ${rng.int(1, 100)}`)]],
    [1, () => [query(`SELECT setval('${name}', ${rng.int(1, 1000)}, ${rng.bool()})`, { detail: 'rows' })]],
    [1, () => [query(`DROP SEQUENCE IF EXISTS ${name}`)]],
    [1, () => [query(`SELECT nextval('${name}') FROM generate_series(1, ${rng.int(2, 50)})`, { detail: 'count' })]],
  ])();
}

function schemas(ctx: GenContext): SqlStep[] {
  const { rng } = ctx;
  const schema = `sf_s${rng.int(0, 2)}`;
  if (rng.oneIn(3)) return [query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)];
  return [
    query(`CREATE SCHEMA IF NOT EXISTS ${schema}`),
    query(`CREATE TABLE IF NOT EXISTS ${schema}.t (id int PRIMARY KEY, v text)`),
    query(`INSERT INTO ${schema}.t SELECT g, md5(g::text) FROM generate_series(1, ${rng.int(1, 500)}) g ON CONFLICT (id) DO NOTHING`, {
      detail: 'count',
    }),
    query(`SELECT count(*) FROM ${schema}.t`, { detail: 'rows' }),
  ];
}

function types(ctx: GenContext): SqlStep[] {
  const { rng } = ctx;
  return rng.pick<() => SqlStep[]>([
    () => [
      query('DROP TYPE IF EXISTS sf_mood CASCADE'),
      query("CREATE TYPE sf_mood AS ENUM ('sad', 'ok', 'happy')"),
      query("ALTER TYPE sf_mood ADD VALUE IF NOT EXISTS 'ecstatic'"),
    ],
    () => [
      query('DROP DOMAIN IF EXISTS sf_posint CASCADE'),
      query('CREATE DOMAIN sf_posint AS integer CHECK (VALUE > 0)'),
      query(`SELECT ${rng.int(-2, 5)}::sf_posint`, { detail: 'rows' }),
    ],
    () => [
      query('DROP TYPE IF EXISTS sf_pair CASCADE'),
      query('CREATE TYPE sf_pair AS (a integer, b text)'),
      query("SELECT (ROW(1, 'x')::sf_pair).b", { detail: 'rows' }),
    ],
  ])();
}

function derivedTables(ctx: GenContext): SqlStep[] {
  const { rng } = ctx;
  const table = pickTable(ctx);
  const name = `sf_ctas${rng.int(0, 2)}`;
  const create = rng.pick([
    `CREATE TABLE ${name} AS SELECT * FROM ${ident(table.name)}`,
    `CREATE TABLE ${name} (LIKE ${ident(table.name)} INCLUDING ALL)`,
    `SELECT * INTO ${name} FROM ${ident(table.name)}`,
    `CREATE UNLOGGED TABLE ${name} AS SELECT g AS id, md5(g::text) AS v FROM generate_series(1, ${rng.int(1, 20_000)}) g`,
  ]);
  return [query(`DROP TABLE IF EXISTS ${name}`), query(create), query(`SELECT count(*) FROM ${name}`, { detail: 'rows' })];
}

export function objectDdl(ctx: GenContext): SqlStep[] {
  return ctx.rng.pick([views, matviews, sequences, schemas, types, derivedTables])(ctx);
}
