import pg from 'pg';
import { TargetUnhealthyError } from '../../src/shared/errors.js';
import type { Endpoint, ExecuteOptions } from '../types.js';
import type { CatalogColumn, CatalogExtension, CatalogFunction, CatalogIndex, CatalogRelation, RelationKind, SqlCatalog } from './catalog.js';
import { withSeedSchema } from './catalog.js';
import { typeKind } from './type-kinds.js';

/**
 * Reads what generation may use from the live catalog, SQLsmith-style: relations of the public
 * schema with their columns and unique keys, indexes, sequences, installed and available
 * extensions, max_prepared_transactions, and the immutable scalar functions of pg_catalog whose
 * argument and result types the expression grammar knows. Read-only; results are sorted so the
 * same server state always yields the same catalog.
 */

const RELATIONS_SQL = `
  SELECT c.relname, c.relkind, a.attname, format_type(a.atttypid, a.atttypmod) AS type,
         EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisunique AND i.indnatts = 1
                 AND i.indkey[0] = a.attnum AND i.indpred IS NULL AND i.indexprs IS NULL) AND a.attnotnull AS unique_key,
         a.attidentity <> '' OR EXISTS (SELECT 1 FROM pg_attrdef d WHERE d.adrelid = c.oid AND d.adnum = a.attnum
                 AND pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%') AS sequenced
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
  ORDER BY c.relname, a.attnum`;

const INDEXES_SQL = `SELECT indexname, tablename FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`;
const SEQUENCES_SQL = `SELECT sequencename FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename`;
const EXTENSIONS_SQL = `SELECT name, installed_version IS NOT NULL AS installed FROM pg_available_extensions ORDER BY name`;
const PREPARED_SQL = `SELECT current_setting('max_prepared_transactions')::int AS n`;

// Immutable, plain, scalar, one to three arguments, not an internal helper by name. Functions that
// allocate by an argument (repeat, lpad), compute huge powers or sleep are left out by name.
const FUNCTIONS_SQL = `
  SELECT p.proname, p.proargtypes::regtype[]::text[] AS args, p.prorettype::regtype::text AS returns
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
  WHERE n.nspname = 'pg_catalog' AND p.prokind = 'f' AND p.provolatile = 'i' AND NOT p.proretset
    AND p.pronargs BETWEEN 1 AND 3 AND p.provariadic = 0
    AND p.proname !~ '^(pg_|_|lo_|binary_upgrade|brin_|gin_|gist|spg|bt|hash|ts_|to_reg|set_|txid)'
    AND p.proname !~ '(repeat|pad|power|pow|exp|fac|fill|overlay|generate|sleep|random|in$|out$|recv$|send$|support$)'
  ORDER BY p.proname, args`;

// Enough variety for expressions without drowning the curated productions.
const MAX_FUNCTIONS = 300;

const RELATION_KINDS: Readonly<Record<string, RelationKind>> = { r: 'table', p: 'partitioned', v: 'view', m: 'matview', f: 'foreign' };

interface RelationRow {
  relname: string;
  relkind: string;
  attname: string;
  type: string;
  unique_key: boolean;
  sequenced: boolean;
}

function relationsFrom(rows: readonly RelationRow[]): CatalogRelation[] {
  const byName = new Map<string, { kind: RelationKind; columns: CatalogColumn[]; key: string | null }>();
  for (const row of rows) {
    const entry = byName.get(row.relname) ?? { kind: RELATION_KINDS[row.relkind] ?? 'table', columns: [], key: null };
    entry.columns.push({ name: row.attname, type: row.type, sequenced: row.sequenced });
    if (row.unique_key && entry.key === null) entry.key = row.attname;
    byName.set(row.relname, entry);
  }
  return [...byName].map(([name, e]) => ({ name, kind: e.kind, columns: e.columns, key: e.key }));
}

function functionsFrom(rows: readonly { proname: string; args: string[]; returns: string }[]): CatalogFunction[] {
  const functions: CatalogFunction[] = [];
  for (const row of rows) {
    const args = row.args.map(typeKind);
    const returns = typeKind(row.returns);
    if (returns === 'other' || args.some((a) => a === 'other')) continue;
    functions.push({ name: row.proname, args, argTypes: row.args, returns });
    if (functions.length >= MAX_FUNCTIONS) break;
  }
  return functions;
}

/** The catalog of the server at `endpoint`, with the seed schema's relations kept in. */
export async function readCatalog(endpoint: Endpoint, options: ExecuteOptions): Promise<SqlCatalog> {
  const client = new pg.Client({
    host: endpoint.host,
    port: endpoint.port,
    user: 'postgres',
    database: 'postgres',
    connectionTimeoutMillis: options.timeoutMs,
    query_timeout: options.timeoutMs,
    statement_timeout: options.timeoutMs,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    throw new TargetUnhealthyError(`postgres catalog: cannot connect to ${endpoint.host}:${endpoint.port}`, { cause: err });
  }
  try {
    const relations = await client.query<RelationRow>(RELATIONS_SQL);
    const indexes = await client.query<{ indexname: string; tablename: string }>(INDEXES_SQL);
    const sequences = await client.query<{ sequencename: string }>(SEQUENCES_SQL);
    const extensions = await client.query<{ name: string; installed: boolean }>(EXTENSIONS_SQL);
    const prepared = await client.query<{ n: number }>(PREPARED_SQL);
    const functions = await client.query<{ proname: string; args: string[]; returns: string }>(FUNCTIONS_SQL);
    return withSeedSchema({
      relations: relationsFrom(relations.rows),
      indexes: indexes.rows.map((r): CatalogIndex => ({ name: r.indexname, table: r.tablename })),
      functions: functionsFrom(functions.rows),
      extensions: extensions.rows.map((r): CatalogExtension => ({ name: r.name, installed: r.installed })),
      sequences: sequences.rows.map((r) => r.sequencename),
      maxPreparedTransactions: prepared.rows[0]?.n ?? 0,
    });
  } catch (err) {
    throw new TargetUnhealthyError('postgres catalog: reading the catalog failed', { cause: err });
  } finally {
    await client.end().catch(() => undefined);
  }
}
