import { UsageError } from '../../src/shared/errors.js';
import { batchSeed } from '../_shared/seeded-stream.js';
import type { SqlCatalog } from './catalog.js';
import type { ResolvedSqlConstraints } from './constraints.js';
import { adminFamily } from './families/admin.js';
import { configFamily } from './families/config.js';
import { copyFamily } from './families/copy.js';
import { databaseFamily } from './families/database.js';
import { ddlFamily } from './families/ddl.js';
import { dmlFamily } from './families/dml.js';
import { extensionFamily } from './families/extension.js';
import { functionsFamily } from './families/functions.js';
import { largeObjectFamily } from './families/largeobject.js';
import { maintenanceFamily } from './families/maintenance.js';
import { malformedFamily } from './families/malformed.js';
import { notifyFamily } from './families/notify.js';
import { parallelFamily } from './families/parallel.js';
import { preparedFamily } from './families/prepared.js';
import { queryFamily } from './families/query.js';
import { spillFamily } from './families/spill.js';
import { tempFamily } from './families/temp.js';
import { txnFamily } from './families/txn.js';
import type { FamilyDraft, GenContext } from './productions/context.js';
import { SqlRandom } from './_internals/random.js';
import { SQL_FAMILY_NAMES, type SqlFamily, type SqlUnit } from './unit.js';

const FAMILY_BUILDERS: Readonly<Record<SqlFamily, (ctx: GenContext) => FamilyDraft>> = {
  ddl: ddlFamily,
  dml: dmlFamily,
  query: queryFamily,
  spill: spillFamily,
  parallel: parallelFamily,
  maintenance: maintenanceFamily,
  txn: txnFamily,
  prepared: preparedFamily,
  copy: copyFamily,
  temp: tempFamily,
  notify: notifyFamily,
  database: databaseFamily,
  largeobject: largeObjectFamily,
  config: configFamily,
  extension: extensionFamily,
  functions: functionsFamily,
  admin: adminFamily,
  malformed: malformedFamily,
};

// One unit in this many runs its main connection over TLS (the backend's OpenSSL paths).
const TLS_ONE_IN = 8;

/** The family a name like 'sql:ddl' (or 'ddl') stands for; UsageError for anything else. */
export function parseFamily(name: string): SqlFamily {
  const bare = name.startsWith('sql:') ? name.slice(4) : name;
  if (!(SQL_FAMILY_NAMES as readonly string[]).includes(bare)) {
    throw new UsageError(`unknown sql family '${name}' (known: ${SQL_FAMILY_NAMES.map((f) => `sql:${f}`).join(', ')})`);
  }
  return bare as SqlFamily;
}

/** One unit of `family`, a pure function of (family, seed, catalog, constraints). */
export function generateUnit(family: SqlFamily, seed: number, catalog: SqlCatalog, c: ResolvedSqlConstraints): SqlUnit {
  const rng = new SqlRandom(seed);
  const draft = FAMILY_BUILDERS[family]({ rng, catalog, c });
  const tls = draft.tls ?? rng.oneIn(TLS_ONE_IN);
  return {
    family,
    tls,
    peerDatabase: draft.peerDatabase ?? 'postgres',
    steps: draft.steps.slice(0, c.maxStepsPerUnit),
  };
}

/** The endless stream for a seed: unit i has its family drawn uniformly, then its own seed. */
export function* unitStream(
  seed: number,
  families: readonly SqlFamily[],
  generate: (family: SqlFamily, seed: number) => SqlUnit,
): Generator<SqlUnit, never, undefined> {
  if (!Number.isSafeInteger(seed)) throw new UsageError(`seed must be a safe integer, got ${seed}`);
  for (let index = 0; ; index++) {
    const rng = new SqlRandom(batchSeed(seed, index));
    const family = rng.pick(families);
    yield generate(family, rng.seed());
  }
}
