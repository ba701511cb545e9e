import type { CatalogColumn, CatalogRelation } from '../catalog.js';
import { ident, maybeEnsure, pickTable, query, type FamilyDraft, type GenContext } from '../productions/context.js';
import { createTableSql, ensureTableSql, fillTableSql, SEED_TABLES, seedTable } from '../seed-schema.js';
import { typeKind } from '../type-kinds.js';
import type { SqlStep } from '../unit.js';
import { objectDdl } from './ddl-objects.js';

/**
 * sql:ddl: creates the seed schema (sf_t0..sf_t7 with their indexes), recreates tables, adds and
 * drops indexes of every method a column's type allows, alters tables (columns, storage,
 * persistence, partitions), and creates views, materialized views, sequences and schemas.
 */

/** Index methods a column of this type supports without any extension. */
export function indexMethods(type: string): string[] {
  switch (type) {
    case 'text[]':
      return ['gin'];
    case 'tsvector':
      return ['gin', 'gist'];
    case 'int4range':
      return ['gist', 'spgist', 'btree'];
    case 'point':
    case 'box':
      return ['gist', 'spgist'];
    case 'uuid':
      return ['btree', 'hash', 'brin'];
  }
  switch (typeKind(type)) {
    case 'int':
    case 'numeric':
    case 'date':
    case 'timestamp':
    case 'float':
    case 'bytea':
      return ['btree', 'hash', 'brin'];
    case 'text':
      return ['btree', 'hash', 'brin', 'spgist'];
    case 'bool':
      return ['btree'];
    case 'jsonb':
      return ['gin', 'btree', 'hash'];
    case 'other':
      return type === 'interval' ? ['btree', 'hash'] : [];
  }
}

function indexable(table: CatalogRelation): CatalogColumn[] {
  return table.columns.filter((c) => indexMethods(c.type).length > 0);
}

function createIndex(ctx: GenContext, table: CatalogRelation): SqlStep[] {
  const { rng } = ctx;
  const columns = indexable(table);
  if (columns.length === 0) return [query(ensureTableSql(rng.pick(SEED_TABLES)))];
  const column = rng.pick(columns);
  const method = rng.pick(indexMethods(column.type));
  const name = `sf_ix_${table.name}_${column.name}_${method}`.slice(0, 63);
  const guard = rng.oneIn(2) ? 'IF NOT EXISTS ' : '';
  const unique = method === 'btree' && rng.oneIn(5) ? 'UNIQUE ' : '';
  const where = rng.oneIn(5) ? ` WHERE ${ident(column.name)} IS NOT NULL` : '';
  const steps = [query(`CREATE ${unique}INDEX ${guard}${name} ON ${ident(table.name)} USING ${method} (${ident(column.name)})${where}`)];
  if (rng.oneIn(2)) steps.push(query(`DROP INDEX ${rng.bool() ? 'IF EXISTS ' : ''}${name}`));
  return steps;
}

/** Drops a seed table and builds it again step by step (create, partitions, indexes, rows). */
function recreateSeedTable(ctx: GenContext): SqlStep[] {
  const table = ctx.rng.pick(SEED_TABLES);
  const steps: SqlStep[] = [query(`DROP TABLE IF EXISTS ${table.name} CASCADE`)];
  if (table.name === 'sf_t5') steps.push(query('CREATE SEQUENCE IF NOT EXISTS sf_t5_id_seq'));
  if (table.name === 'sf_t7') steps.push(query(ensureTableSql(seedTable('sf_t0')!)));
  steps.push(query(createTableSql(table, ctx.rng.bool())));
  for (const sql of table.afterCreate ?? []) steps.push(query(sql));
  steps.push(query(table.indexes.join('; ')));
  steps.push(query(fillTableSql(table, 1, table.rows), { detail: 'count' }));
  return steps;
}

function alterColumn(ctx: GenContext, table: CatalogRelation): SqlStep[] {
  const { rng } = ctx;
  const t = ident(table.name);
  const n = rng.int(0, 3);
  const column = rng.pick(table.columns);
  const c = ident(column.name);
  const kind = typeKind(column.type);
  const choices: (() => SqlStep[])[] = [
    () => [query(`ALTER TABLE ${t} ADD COLUMN IF NOT EXISTS sf_c${n} integer DEFAULT ${rng.int(0, 9)}`)],
    // IS NULL is immutable for every type (a cast to text is not, for dates).
    () => [query(`ALTER TABLE ${t} ADD COLUMN IF NOT EXISTS sf_c${n} boolean GENERATED ALWAYS AS (${c} IS NULL) STORED`)],
    () => [query(`ALTER TABLE ${t} DROP COLUMN IF EXISTS sf_c${n}`)],
    () => [query(`ALTER TABLE ${t} ALTER COLUMN ${c} SET STATISTICS ${rng.pick([10, 100, 1000])}`)],
    () => [query(`ALTER TABLE ${t} ALTER COLUMN ${c} SET STORAGE ${rng.pick(['PLAIN', 'MAIN', 'EXTERNAL', 'EXTENDED'])}`)],
    () => [query(`ALTER TABLE ${t} ALTER COLUMN ${c} SET COMPRESSION ${rng.pick(['pglz', 'lz4', 'default'])}`)],
    () => [query(`ALTER TABLE ${t} SET (fillfactor = ${rng.int(50, 100)})`)],
    () => [query(`ALTER TABLE ${t} SET ${rng.pick(['UNLOGGED', 'LOGGED'])}`)],
    () => [query(`ALTER TABLE ${t} RENAME COLUMN ${c} TO sf_renamed`), query(`ALTER TABLE ${t} RENAME COLUMN sf_renamed TO ${c}`)],
    () => [query(`ALTER TABLE ${t} RENAME TO sf_renamed`), query(`ALTER TABLE sf_renamed RENAME TO ${t}`)],
    () => [
      query(`ALTER TABLE ${t} ADD CONSTRAINT sf_chk${n} CHECK (${c} IS NOT NULL OR true) NOT VALID`),
      query(`ALTER TABLE ${t} VALIDATE CONSTRAINT sf_chk${n}`),
      query(`ALTER TABLE ${t} DROP CONSTRAINT IF EXISTS sf_chk${n}`),
    ],
    () => [query(`ALTER TABLE ${t} REPLICA IDENTITY ${rng.pick(['FULL', 'DEFAULT'])}`)],
    () => [query(`ALTER TABLE ${t} ${rng.pick(['DISABLE', 'ENABLE'])} TRIGGER ALL`)],
    () => [query(`COMMENT ON TABLE ${t} IS 'sandfuzz ${n}'`)],
    () => [
      query(
        `CREATE STATISTICS IF NOT EXISTS sf_stat_${table.name} (ndistinct, dependencies) ON ${c}, ${ident(rng.pick(table.columns).name)} FROM ${t}`,
      ),
    ],
  ];
  // Rewrites the table in another type; later units read the new type from the catalog.
  if (kind === 'int' || kind === 'float') {
    choices.push(() => [query(`ALTER TABLE ${t} ALTER COLUMN ${c} TYPE ${kind === 'int' ? 'bigint' : 'numeric'}`)]);
  }
  return rng.pick(choices)();
}

function partitionChurn(ctx: GenContext): SqlStep[] {
  const steps = maybeEnsure(ctx, 'sf_t3', 1);
  const concurrently = ctx.rng.oneIn(2) ? ' CONCURRENTLY' : '';
  steps.push(query(`ALTER TABLE sf_t3 DETACH PARTITION sf_t3_p1${concurrently}`));
  steps.push(query('SELECT count(*) FROM sf_t3', { detail: 'rows' }));
  steps.push(query('ALTER TABLE sf_t3 ATTACH PARTITION sf_t3_p1 FOR VALUES FROM (50000) TO (100000)'));
  return steps;
}

export function ddlFamily(ctx: GenContext): FamilyDraft {
  const { rng } = ctx;
  const steps: SqlStep[] = [];
  for (let i = rng.int(1, 3); i > 0; i--) {
    const table = pickTable(ctx);
    const production = rng.weighted<() => SqlStep[]>([
      [5, () => rng.sample(SEED_TABLES, rng.int(1, 2)).map((t) => query(ensureTableSql(t)))],
      [1, () => recreateSeedTable(ctx)],
      [3, () => createIndex(ctx, table)],
      [3, () => alterColumn(ctx, table)],
      [1, () => partitionChurn(ctx)],
      [3, () => objectDdl(ctx)],
    ]);
    steps.push(...production());
  }
  return { steps };
}
