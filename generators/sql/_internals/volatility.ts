import type { ResultDetail } from '../unit.js';

/**
 * The safety net under the generator's own choice of detail: SQL that can return something two
 * healthy runs disagree on (times, random values, OIDs and system columns, pids, sizes, LSNs,
 * statistics counters, plans, sequence values, settings a reload changes) is answered with its
 * command class only. Matching is on words of the statement, so it errs towards saying less.
 */

// pg_* names whose values are the same on every run (the generator only selects stable columns
// of the views among them).
const STABLE_PG_NAMES = new Set([
  'pg_sleep',
  'pg_notify',
  'pg_advisory_lock',
  'pg_advisory_unlock',
  'pg_advisory_unlock_all',
  'pg_try_advisory_lock',
  'pg_advisory_xact_lock',
  'pg_try_advisory_xact_lock',
  'pg_reload_conf',
  'pg_read_file',
  'pg_ls_dir',
  'pg_prepared_statements',
  'pg_settings',
  'pg_database',
  'pg_typeof',
  'pg_temp',
]);

const VOLATILE_WORDS = new RegExp(
  '\\b(?:' +
    [
      'now',
      'clock_timestamp',
      'statement_timestamp',
      'transaction_timestamp',
      'timeofday',
      'current_timestamp',
      'current_time',
      'localtime',
      'localtimestamp',
      'random',
      'setseed',
      'gen_random_uuid',
      'gen_random_bytes',
      'gen_salt',
      'uuid_generate_v1',
      'uuid_generate_v1mc',
      'uuid_generate_v4',
      'normal_rand',
      // Sequences resume ahead after crash recovery, by an amount that depends on checkpoints.
      'nextval',
      'currval',
      'lastval',
      'txid_\\w+',
      'xid\\w*',
      'inet_\\w+',
      // System columns and identifiers chosen by the server.
      'ctid',
      'xmin',
      'xmax',
      'cmin',
      'cmax',
      'tableoid',
      'oid',
      'regclass',
      'lsn',
      'EXPLAIN',
      'SHOW\\s+ALL',
      'TABLESAMPLE',
      // Settings ALTER SYSTEM may have changed: their value depends on when a reload landed.
      'log_\\w+',
      'track_\\w+',
      'autovacuum\\w*',
      'checkpoint_\\w+',
      'bgwriter_\\w+',
      'wal_writer_delay',
      'deadlock_timeout',
    ].join('|') +
    ')\\b',
  'i',
);

// Lowercase only: the generator writes identifiers in lowercase, and file names such as
// 'PG_VERSION' are not catalog objects.
const PG_NAME = /\bpg_[a-z0-9_]+/g;

/** Whether the statement may return values that differ between two healthy runs. */
export function isVolatileSql(sql: string): boolean {
  if (VOLATILE_WORDS.test(sql)) return true;
  for (const match of sql.matchAll(PG_NAME)) {
    if (!STABLE_PG_NAMES.has(match[0])) return true;
  }
  return false;
}

/** The detail an answer may show: what the step asked for, or class only for volatile SQL. */
export function allowedDetail(sql: string, requested: ResultDetail): ResultDetail {
  return requested !== 'class' && isVolatileSql(sql) ? 'class' : requested;
}
