import { batch, query, type FamilyDraft, type GenContext } from '../productions/context.js';
import type { SqlStep } from '../unit.js';

/**
 * sql:config: ALTER SYSTEM of settings that only change logging and background timing (never
 * results, authentication, listening or anything needing a restart) followed by pg_reload_conf();
 * SET / RESET / SHOW in the session; pg_settings reads. ALTER SYSTEM rewrites
 * postgresql.auto.conf (temp file, fsync, rename); the reload sends SIGHUP everywhere.
 */

/** Settings ALTER SYSTEM may change, with values to choose from. None affects query results. */
export const SYSTEM_SETTINGS: Readonly<Record<string, readonly string[]>> = {
  log_min_duration_statement: ['-1', '0', "'250ms'"],
  log_statement: ["'none'", "'ddl'", "'mod'", "'all'"],
  log_connections: ['on', 'off'],
  log_disconnections: ['on', 'off'],
  log_checkpoints: ['on', 'off'],
  log_lock_waits: ['on', 'off'],
  log_temp_files: ['-1', '0'],
  log_autovacuum_min_duration: ['-1', '0'],
  log_error_verbosity: ["'terse'", "'default'", "'verbose'"],
  track_io_timing: ['on', 'off'],
  track_functions: ["'none'", "'pl'", "'all'"],
  track_wal_io_timing: ['on', 'off'],
  autovacuum_naptime: ["'1s'", "'15s'", "'1min'"],
  checkpoint_timeout: ["'30s'", "'5min'"],
  checkpoint_completion_target: ['0.5', '0.9'],
  bgwriter_delay: ["'10ms'", "'200ms'"],
  wal_writer_delay: ["'10ms'", "'200ms'"],
  deadlock_timeout: ["'100ms'", "'1s'"],
};

/** Session settings that change plans and executor paths, never results. */
const SESSION_SETTINGS: Readonly<Record<string, readonly string[]>> = {
  work_mem: ["'64kB'", "'1MB'", "'64MB'"],
  maintenance_work_mem: ["'1MB'", "'64MB'"],
  random_page_cost: ['1.1', '4', '40'],
  effective_cache_size: ["'8MB'", "'4GB'"],
  jit: ['on', 'off'],
  jit_above_cost: ['0', '100000'],
  cursor_tuple_fraction: ['0.01', '1'],
  commit_delay: ['0', '10'],
  temp_file_limit: ['-1', "'1GB'"],
  vacuum_cost_delay: ['0', "'1ms'"],
  wal_compression: ['on', 'off', 'lz4', 'pglz'],
  application_name: ["'sandfuzz'", "'sf'"],
};

// Settings fixed by initdb or the binary: reading them gives the same answer on every run.
const FIXED_SETTINGS = ['block_size', 'server_version_num', 'max_connections', 'wal_segment_size', 'data_checksums', 'max_identifier_length'];

function alterSystem(ctx: GenContext): SqlStep[] {
  const { rng } = ctx;
  const names = rng.sample(Object.keys(SYSTEM_SETTINGS), rng.int(1, 3));
  const steps: SqlStep[] = names.map((name) =>
    rng.oneIn(5) ? query(`ALTER SYSTEM RESET ${name}`) : query(`ALTER SYSTEM SET ${name} = ${rng.pick(SYSTEM_SETTINGS[name]!)}`),
  );
  if (rng.oneIn(8)) steps.push(query('ALTER SYSTEM RESET ALL'));
  steps.push(query('SELECT pg_reload_conf()', { detail: 'rows' }));
  // After a reload the values a session sees depend on when its SIGHUP lands: class only.
  if (rng.oneIn(2)) steps.push(query(`SHOW ${rng.pick(names)}`));
  return steps;
}

function sessionSettings(ctx: GenContext): SqlStep[] {
  const { rng } = ctx;
  const names = rng.sample(Object.keys(SESSION_SETTINGS), rng.int(1, 4));
  const steps: SqlStep[] = [batch(names.map((name) => `SET ${name} = ${rng.pick(SESSION_SETTINGS[name]!)}`))];
  steps.push(query(`SHOW ${rng.pick(names)}`, { detail: 'rows' }));
  if (rng.oneIn(2)) steps.push(query(`SELECT current_setting('${rng.pick(names)}')`, { detail: 'rows' }));
  if (rng.oneIn(2)) steps.push(query(`SELECT set_config('${rng.pick(names)}', current_setting('${rng.pick(names)}'), true)`));
  steps.push(query(rng.oneIn(3) ? 'RESET ALL' : `RESET ${rng.pick(names)}`));
  if (rng.oneIn(4)) steps.push(query('SET no_such_setting_sf = 1'));
  return steps;
}

function readSettings(ctx: GenContext): SqlStep[] {
  const { rng } = ctx;
  const fixed = rng.sample(FIXED_SETTINGS, rng.int(1, 3)).map((name) => `'${name}'`);
  return [
    query(`SELECT name, setting FROM pg_settings WHERE name IN (${fixed.join(', ')}) ORDER BY name`, { detail: 'rows' }),
    query(`SELECT count(*) FROM pg_settings WHERE category LIKE '${rng.pick(['Query Tuning%', 'Reporting%', 'Write-Ahead%'])}'`),
    query(rng.pick(['SHOW ALL', 'SELECT * FROM pg_file_settings', 'SELECT * FROM pg_hba_file_rules', 'SELECT pg_conf_load_time() IS NOT NULL'])),
  ];
}

export function configFamily(ctx: GenContext): FamilyDraft {
  const production = ctx.rng.weighted<(c: GenContext) => SqlStep[]>([
    [3, alterSystem],
    [3, sessionSettings],
    [2, readSettings],
  ]);
  return { steps: production(ctx) };
}
