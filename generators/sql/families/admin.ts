import { query, type FamilyDraft, type GenContext } from '../productions/context.js';
import type { SqlStep } from '../unit.js';

/**
 * sql:admin: statistics views, server files read through pg_ls_dir / pg_read_file inside the data
 * directory, sizes, replication slots and a walsender session, memory-context logging, and
 * signalling backends: pg_cancel_backend and CancelRequest against our own running query,
 * pg_terminate_backend against our own idle second connection. Anything that varies between two
 * healthy runs (counters, sizes, LSNs, pids) is answered with its command class only.
 */

const STATISTICS_VIEWS = [
  'pg_stat_activity',
  'pg_stat_database',
  'pg_stat_user_tables',
  'pg_statio_user_tables',
  'pg_stat_user_indexes',
  'pg_stat_bgwriter',
  'pg_stat_wal',
  'pg_stat_slru',
  'pg_stat_archiver',
  'pg_stat_replication',
  'pg_stat_ssl',
  'pg_stat_progress_vacuum',
  'pg_stat_database_conflicts',
  'pg_stat_user_functions',
  'pg_locks',
  'pg_backend_memory_contexts',
  'pg_shmem_allocations',
];

const SERVER_FILE_READS: readonly (readonly [string, 'rows' | 'class'])[] = [
  ["SELECT pg_ls_dir('.') ORDER BY 1", 'rows'],
  ["SELECT pg_read_file('PG_VERSION')", 'rows'],
  ["SELECT count(*) FROM pg_ls_dir('pg_wal')", 'class'],
  ["SELECT count(*) FROM pg_ls_dir('base')", 'class'],
  ["SELECT pg_read_file('postgresql.auto.conf')", 'class'],
  ["SELECT (pg_stat_file('PG_VERSION')).size", 'class'],
  ["SELECT length(pg_read_binary_file('global/pg_control', 0, 64))", 'class'],
  ['SELECT count(*) FROM pg_ls_waldir()', 'class'],
  ['SELECT count(*) FROM pg_ls_tmpdir()', 'class'],
  ["SELECT pg_read_file('no_such_file_sf', 0, 10, true) IS NULL", 'class'],
];

const SIZES = [
  "SELECT pg_size_pretty(pg_database_size('postgres'))",
  "SELECT pg_size_pretty(pg_total_relation_size('sf_t0'))",
  "SELECT pg_tablespace_size('pg_default') > 0",
  "SELECT pg_relation_filepath('sf_t0')",
  "SELECT pg_size_pretty(1234567890::bigint), pg_size_bytes('12 MB')",
];

function peerSignals(ctx: GenContext): SqlStep[] {
  const { rng } = ctx;
  return rng.pick<SqlStep[]>([
    [query('SELECT 1', { conn: 1, detail: 'rows' }), { kind: 'terminate-peer' }, query('SELECT 2', { detail: 'rows' })],
    [{ kind: 'cancel', sql: 'SELECT pg_sleep(3)', via: 'function' }, query('SELECT 3', { detail: 'rows' })],
    [{ kind: 'cancel', sql: `SELECT count(*) FROM generate_series(1, 100000000) g WHERE g % ${rng.int(2, 9)} = 0`, via: 'protocol' }],
  ]);
}

function replication(ctx: GenContext): SqlStep[] {
  const { rng } = ctx;
  const slot = `sf_slot_${rng.int(0, 2)}`;
  return rng.pick<SqlStep[]>([
    [query(`SELECT pg_create_physical_replication_slot('${slot}')`), query(`SELECT pg_drop_replication_slot('${slot}')`)],
    [
      {
        kind: 'raw',
        probe: {
          kind: 'session',
          replication: true,
          flaw: {
            kind: 'replication-command',
            command: rng.pick(['IDENTIFY_SYSTEM', 'SHOW wal_segment_size', 'TIMELINE_HISTORY 1', 'READ_REPLICATION_SLOT sf_none']),
          },
        },
      },
    ],
  ]);
}

export function adminFamily(ctx: GenContext): FamilyDraft {
  const { rng } = ctx;
  const steps: SqlStep[] = [];
  for (let i = rng.int(1, 4); i > 0; i--) {
    const production = rng.weighted<() => SqlStep[]>([
      [3, () => [query(`SELECT count(*) FROM ${rng.pick(STATISTICS_VIEWS)}`)]],
      [3, () => rng.sample(SERVER_FILE_READS, rng.int(1, 3)).map(([sql, detail]) => query(sql, { detail }))],
      [2, () => [query(rng.pick(SIZES))]],
      [2, () => peerSignals(ctx)],
      [1, () => replication(ctx)],
      [
        1,
        () => [
          query(
            rng.pick(['SELECT pg_log_backend_memory_contexts(pg_backend_pid())', 'SELECT pg_rotate_logfile()', 'SELECT pg_stat_clear_snapshot()']),
          ),
        ],
      ],
    ]);
    steps.push(...production());
  }
  return { steps, peerDatabase: 'postgres' };
}
