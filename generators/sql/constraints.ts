import { UsageError } from '../../src/shared/errors.js';
import { SQL_FAMILY_NAMES, type SqlFamily } from './unit.js';

/** What the PostgreSQL generator may produce. Every field is optional. */
export interface SqlConstraints {
  /**
   * Most steps in one unit (a unit is one short session).
   * @defaultValue 10
   */
  readonly maxStepsPerUnit?: number;
  /**
   * Rows of the big inputs: generate_series of the spill family, the parallel family's table.
   * Enough to spill a 64kB work_mem and to make parallel scans worth workers.
   * @defaultValue 250000
   */
  readonly bigRows?: number;
  /**
   * statement_timeout of every session, in milliseconds (lowered further to fit a unit's budget).
   * @defaultValue 8000
   */
  readonly statementTimeoutMs?: number;
  /**
   * Prefix of the databases the generator creates and drops; a number follows it.
   * @defaultValue 'sf_db_'
   */
  readonly databasePrefix?: string;
  /**
   * Families to generate, without the `sql:` prefix.
   * @defaultValue every family in SQL_FAMILY_NAMES
   */
  readonly families?: readonly SqlFamily[];
}

export type ResolvedSqlConstraints = Required<SqlConstraints>;

// Below this a unit cannot hold a family's setup and its point (SET ..., then the query).
const MIN_STEPS = 3;
const MAX_STEPS = 50;
// Fewer rows than this fit in 64kB of work_mem: the spill family would spill nothing.
const MIN_BIG_ROWS = 20_000;
const MAX_BIG_ROWS = 5_000_000;
const MIN_STATEMENT_TIMEOUT_MS = 500;
// Generated names must say they are sandfuzz's: 'sf_' first, then a plain lowercase identifier
// short enough that the number after it keeps the name under NAMEDATALEN.
const DATABASE_PREFIX = /^sf_[a-z0-9_]{0,40}$/;

/** Fills defaults and validates; the rest of the generator only sees the resolved form. */
export function resolveSqlConstraints(constraints: SqlConstraints = {}): ResolvedSqlConstraints {
  const resolved: ResolvedSqlConstraints = {
    maxStepsPerUnit: constraints.maxStepsPerUnit ?? 10,
    bigRows: constraints.bigRows ?? 250_000,
    statementTimeoutMs: constraints.statementTimeoutMs ?? 8_000,
    databasePrefix: constraints.databasePrefix ?? 'sf_db_',
    families: constraints.families ?? SQL_FAMILY_NAMES,
  };
  if (!isIntegerIn(resolved.maxStepsPerUnit, MIN_STEPS, MAX_STEPS)) {
    throw new UsageError(`sql.maxStepsPerUnit must be an integer from ${MIN_STEPS} to ${MAX_STEPS}`);
  }
  if (!isIntegerIn(resolved.bigRows, MIN_BIG_ROWS, MAX_BIG_ROWS)) {
    throw new UsageError(`sql.bigRows must be an integer from ${MIN_BIG_ROWS} to ${MAX_BIG_ROWS}`);
  }
  if (!Number.isInteger(resolved.statementTimeoutMs) || resolved.statementTimeoutMs < MIN_STATEMENT_TIMEOUT_MS) {
    throw new UsageError(`sql.statementTimeoutMs must be an integer of at least ${MIN_STATEMENT_TIMEOUT_MS}`);
  }
  if (!DATABASE_PREFIX.test(resolved.databasePrefix)) {
    throw new UsageError(
      `sql.databasePrefix ${JSON.stringify(resolved.databasePrefix)} must start with 'sf_' and continue with at most 40 of [a-z0-9_]`,
    );
  }
  if (resolved.families.length === 0) {
    throw new UsageError('sql.families must name at least one family');
  }
  for (const family of resolved.families) {
    if (!(SQL_FAMILY_NAMES as readonly string[]).includes(family)) {
      throw new UsageError(`sql.families entry '${String(family)}' is unknown (known: ${SQL_FAMILY_NAMES.join(', ')})`);
    }
  }
  return resolved;
}

function isIntegerIn(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}
