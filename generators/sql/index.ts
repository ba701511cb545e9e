import type { GuidedGenerator } from '../types.js';
import { DEFAULT_CATALOG, type SqlCatalog } from './catalog.js';
import { resolveSqlConstraints, type SqlConstraints } from './constraints.js';
import { describeUnit, familyOf } from './describe.js';
import { executeSqlUnit } from './execute.js';
import { generateUnit, parseFamily, unitStream } from './generate.js';
import { mutateUnit } from './mutate.js';
import { readCatalog } from './prepare.js';
import { SEED_TABLES } from './seed-schema.js';
import type { SqlUnit } from './unit.js';

/** The guided generator plus what tests and tools may want to see of it. */
export interface SqlGenerator extends GuidedGenerator<SqlUnit> {
  /** What generation currently draws on: the seed schema, or the catalog prepare() read. */
  readonly catalog: SqlCatalog;
}

/**
 * A PostgreSQL workload generator: short sessions over pg (simple and extended protocol, named
 * statements, portals, COPY, LISTEN/NOTIFY, cancel) and raw protocol frames over node:net,
 * generated from the seed schema and, after prepare(), from the live catalog. Units are concrete
 * SQL and parameters: replay never needs the catalog.
 */
export function createSqlGenerator(constraints?: SqlConstraints): SqlGenerator {
  const c = resolveSqlConstraints(constraints);
  let catalog: SqlCatalog = DEFAULT_CATALOG;
  const generate = (family: string, seed: number): SqlUnit => generateUnit(parseFamily(family), seed, catalog, c);
  const ownTables = (): string[] => [
    ...new Set([...SEED_TABLES.map((t) => t.name), ...catalog.relations.map((r) => r.name).filter((n) => n.startsWith('sf_'))]),
  ];
  return {
    name: 'postgres',
    families: c.families.map((f) => `sql:${f}`),
    get catalog() {
      return catalog;
    },
    async prepare(endpoint, options) {
      catalog = await readCatalog(endpoint, options);
    },
    units: (seed) => unitStream(seed, c.families, (family, unitSeed) => generateUnit(family, unitSeed, catalog, c)),
    generate,
    mutate: (parent, seed, donor) =>
      mutateUnit(parent, seed, donor, { c, tables: ownTables(), regenerate: (family, s) => generateUnit(family, s, catalog, c) }),
    execute: (unit, endpoint, options) => executeSqlUnit(unit, endpoint, options, c.statementTimeoutMs),
    family: familyOf,
    describe: describeUnit,
  };
}

/** The PostgreSQL generator with default constraints (registry key 'postgres'). */
export const sqlGenerator: SqlGenerator = createSqlGenerator();

export { DEFAULT_CATALOG, withSeedSchema } from './catalog.js';
export type { SqlCatalog } from './catalog.js';
export { resolveSqlConstraints } from './constraints.js';
export type { SqlConstraints } from './constraints.js';
export { forbiddenReason, unitViolations } from './safety.js';
export { SQL_FAMILY_NAMES } from './unit.js';
export type * from './unit.js';
