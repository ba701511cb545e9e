import type { CatalogRelation, SqlCatalog } from '../catalog.js';
import { writableTables } from '../catalog.js';
import type { ResolvedSqlConstraints } from '../constraints.js';
import type { SqlRandom } from '../_internals/random.js';
import { ensureTableSql, SEED_MATVIEWS, SEED_VIEWS, seedTable } from '../seed-schema.js';
import type { ConnectionIndex, QueryStep, ResultDetail, SqlParam, SqlStep } from '../unit.js';

/** What every production reads: the seeded choices, the known catalog and the constraints. */
export interface GenContext {
  readonly rng: SqlRandom;
  readonly catalog: SqlCatalog;
  readonly c: ResolvedSqlConstraints;
}

/** What a family builds; generate() adds the family name and the defaults. */
export interface FamilyDraft {
  readonly steps: readonly SqlStep[];
  readonly peerDatabase?: string;
  /** Forces TLS on or off; generate() decides when absent. */
  readonly tls?: boolean;
}

export interface QueryOptions {
  readonly conn?: ConnectionIndex;
  readonly params?: readonly SqlParam[] | null;
  readonly protocol?: 'simple' | 'extended';
  readonly detail?: ResultDetail;
}

/** A query step; defaults: connection 0, simple protocol, no parameters, command class only. */
export function query(sql: string, options: QueryOptions = {}): QueryStep {
  const params = options.params ?? null;
  return {
    kind: 'query',
    conn: options.conn ?? 0,
    sql,
    params,
    protocol: options.protocol ?? (params === null ? 'simple' : 'extended'),
    detail: options.detail ?? 'class',
  };
}

/** A read whose rows are digested; sent over the extended protocol one time in three. */
export function read(ctx: GenContext, sql: string, detail: ResultDetail = 'rows'): QueryStep {
  return query(sql, { detail, protocol: ctx.rng.oneIn(3) ? 'extended' : 'simple' });
}

/** Several statements in one simple-protocol message (session settings before the point). */
export function batch(statements: readonly string[], detail: ResultDetail = 'class'): QueryStep {
  return query(statements.join('; '), { detail });
}

/**
 * The ensure steps for a seed relation, one time in `oneIn` (always with 1): a unit run on a
 * server where the relation is missing or emptied recreates it instead of failing on 42P01.
 */
export function maybeEnsure(ctx: GenContext, relation: string, oneIn = 3): SqlStep[] {
  if (!ctx.rng.oneIn(oneIn)) return [];
  const view = SEED_VIEWS.find((v) => v.name === relation);
  if (view) return [query(`CREATE OR REPLACE VIEW ${view.name} AS ${view.sql}`)];
  const matview = SEED_MATVIEWS.find((v) => v.name === relation);
  if (matview) return [query(`CREATE MATERIALIZED VIEW IF NOT EXISTS ${matview.name} AS ${matview.sql}`), query(matview.uniqueIndex)];
  const seed = seedTable(relation);
  if (!seed) return [];
  // sf_t7 references sf_t0: its creation fails without it.
  const steps: SqlStep[] = relation === 'sf_t7' ? [query(ensureTableSql(seedTable('sf_t0')!))] : [];
  steps.push(query(ensureTableSql(seed)));
  return steps;
}

/** A writable table of the catalog, seed tables first in line. */
export function pickTable(ctx: GenContext): CatalogRelation {
  const tables = writableTables(ctx.catalog);
  const seeds = tables.filter((t) => /^sf_t[0-7]$/.test(t.name));
  return ctx.rng.pick(seeds.length > 0 && !ctx.rng.oneIn(5) ? seeds : tables);
}

/** Any relation rows can be read from. */
export function pickRelation(ctx: GenContext): CatalogRelation {
  return ctx.rng.pick(ctx.catalog.relations.filter((r) => r.columns.length > 0));
}

/** An identifier as SQL: bare when it is a plain lowercase name, quoted otherwise. */
export function ident(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}
