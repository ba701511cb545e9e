import { SEED_MATVIEWS, SEED_SEQUENCES, SEED_TABLES, SEED_VIEWS } from './seed-schema.js';
import type { TypeKind } from './type-kinds.js';

/**
 * What the generator knows about the server, SQLsmith-style: relations with their columns,
 * indexes, callable functions, extensions. Before `prepare` it is the seed schema alone; after,
 * what the catalog showed, with the seed schema's tables kept so units can still create them.
 */

export interface CatalogColumn {
  readonly name: string;
  /** As format_type() spells it. */
  readonly type: string;
  /**
   * Drawn from a sequence (identity, serial). After crash recovery a sequence resumes up to 32
   * values ahead, by how many depending on checkpoint timing: answers never show such values
   * and predicates never compare them, though ordering by them stays stable.
   */
  readonly sequenced: boolean;
}

export type RelationKind = 'table' | 'partitioned' | 'view' | 'matview' | 'foreign';

export interface CatalogRelation {
  readonly name: string;
  readonly kind: RelationKind;
  readonly columns: readonly CatalogColumn[];
  /**
   * A NOT NULL column with a unique index (the primary key), or null: ordering by it is total,
   * which LIMIT, DISTINCT ON and row_number() need for a stable answer.
   */
  readonly key: string | null;
}

export interface CatalogIndex {
  readonly name: string;
  readonly table: string;
}

/** An immutable scalar function of pg_catalog whose argument and result kinds are known. */
export interface CatalogFunction {
  readonly name: string;
  readonly args: readonly TypeKind[];
  /** The declared argument types: calls cast to them, as a kind spans several widths. */
  readonly argTypes: readonly string[];
  readonly returns: TypeKind;
}

export interface CatalogExtension {
  readonly name: string;
  readonly installed: boolean;
}

export interface SqlCatalog {
  readonly relations: readonly CatalogRelation[];
  readonly indexes: readonly CatalogIndex[];
  readonly functions: readonly CatalogFunction[];
  /** Extensions the server could install; null until prepare has read pg_available_extensions. */
  readonly extensions: readonly CatalogExtension[] | null;
  readonly sequences: readonly string[];
  /** max_prepared_transactions: 0 means PREPARE TRANSACTION can only fail. */
  readonly maxPreparedTransactions: number;
}

function seedRelations(): CatalogRelation[] {
  const tables = SEED_TABLES.map(
    (t): CatalogRelation => ({
      name: t.name,
      kind: t.suffix?.startsWith('PARTITION BY') ? 'partitioned' : 'table',
      columns: t.columns.map(({ name, type, extra }) => ({ name, type, sequenced: /IDENTITY|nextval/.test(extra ?? '') })),
      key: t.columns.find((c) => c.extra?.includes('PRIMARY KEY'))?.name ?? null,
    }),
  );
  const derived = [
    ...SEED_VIEWS.map((v) => ({ ...v, kind: 'view' as const })),
    ...SEED_MATVIEWS.map((v) => ({ ...v, kind: 'matview' as const })),
  ].map(
    (v): CatalogRelation => ({
      name: v.name,
      kind: v.kind,
      columns: v.columns.map(([name, type]) => ({ name, type, sequenced: false })),
      key: null,
    }),
  );
  return [...tables, ...derived];
}

/** The catalog of a server on which the seed schema exists and nothing else was learned. */
export const DEFAULT_CATALOG: SqlCatalog = {
  relations: seedRelations(),
  indexes: SEED_TABLES.flatMap((t) => t.indexes.map((sql) => ({ name: /IF NOT EXISTS (\w+)/.exec(sql)![1]!, table: t.name }))),
  functions: [],
  extensions: null,
  sequences: [...SEED_SEQUENCES],
  maxPreparedTransactions: 0,
};

/**
 * The learned catalog with the seed relations, indexes and sequences it lacks added back: a unit
 * may create them, and generation must not depend on whether one was dropped at learning time.
 */
export function withSeedSchema(learned: SqlCatalog): SqlCatalog {
  const names = new Set(learned.relations.map((r) => r.name));
  const indexNames = new Set(learned.indexes.map((i) => i.name));
  const byName = <T extends { name: string }>(a: T, b: T): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return {
    ...learned,
    relations: [...learned.relations, ...DEFAULT_CATALOG.relations.filter((r) => !names.has(r.name))].sort(byName),
    indexes: [...learned.indexes, ...DEFAULT_CATALOG.indexes.filter((i) => !indexNames.has(i.name))].sort(byName),
    sequences: [...new Set([...learned.sequences, ...DEFAULT_CATALOG.sequences])].sort(),
  };
}

/** Relations rows can be written to. */
export function writableTables(catalog: SqlCatalog): CatalogRelation[] {
  return catalog.relations.filter((r) => r.kind === 'table' || r.kind === 'partitioned');
}

/** The columns answers may show and predicates may use: all but the sequence-drawn ones. */
export function visibleColumns(relation: CatalogRelation): CatalogColumn[] {
  return relation.columns.filter((c) => !c.sequenced);
}
