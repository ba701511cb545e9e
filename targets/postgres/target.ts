import pg from 'pg';
import type { Endpoint } from '../../generators/types.js';
import { targetContextDir } from '../paths.js';
import type { TargetSpec } from '../types.js';

const PROBE_TIMEOUT_MS = 2_000;

/** Healthy once postgres/postgres accepts a connection and answers SELECT 1 (not "starting up"). */
async function ready(endpoint: Endpoint): Promise<boolean> {
  const client = new pg.Client({
    host: endpoint.host,
    port: endpoint.port,
    user: 'postgres',
    database: 'postgres',
    connectionTimeoutMillis: PROBE_TIMEOUT_MS,
    query_timeout: PROBE_TIMEOUT_MS,
  });
  // A server going away mid-probe emits 'error' on the client; unhandled, it would crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    const res = await client.query<{ one: number }>('SELECT 1 AS one');
    return res.rows[0]?.one === 1;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export const postgres: TargetSpec = {
  name: 'postgres',
  description: "PostgreSQL 15 with Debian's cluster configuration, trust authentication, initdb on first start",
  image: 'sandfuzz/postgres:latest',
  contextDir: targetContextDir('postgres'),
  port: 5432,
  generator: 'postgres',
  // Parallel query workers share memory through /dev/shm; Docker's 64 MiB default is too small.
  run: { shmSizeBytes: 256 * 1024 * 1024, stopTimeoutSec: 10 },
  miningBudgetSec: 110,
  ready,
  lifecycle: [
    { kind: 'signal', name: 'reload config (SIGHUP)', signal: 'SIGHUP', settleMs: 500 },
    // What operators run inside the container: the server's own benchmark (initialisation runs
    // COPY, VACUUM and index builds; the run uses client threads), a routine maintenance pass
    // and a logical backup.
    { kind: 'exec', name: 'pgbench -i', cmd: ['pgbench', '-i', '-s', '1', '-q', 'postgres'], settleMs: 200 },
    { kind: 'exec', name: 'pgbench run', cmd: ['pgbench', '-c', '4', '-j', '2', '-T', '2', 'postgres'], settleMs: 200 },
    { kind: 'exec', name: 'vacuumdb --all --analyze', cmd: ['vacuumdb', '--all', '--analyze'], settleMs: 200 },
    { kind: 'exec', name: 'pg_dump', cmd: ['pg_dump', '-f', '/tmp/sandfuzz-dump.sql', 'postgres'], settleMs: 200 },
    // The background writer, WAL writer and autovacuum launcher wake on timers (200 ms to 1 min).
    { kind: 'idle', name: 'idle 3 s', settleMs: 3_000 },
    // A fast shutdown writes a shutdown checkpoint; the next start opens an existing cluster.
    { kind: 'restart', name: 'restart', settleMs: 300 },
    // Killed mid-flight (OOM, node loss): the next start replays the WAL (crash recovery).
    { kind: 'restart', name: 'restart after SIGKILL (crash recovery)', settleMs: 300, hard: true },
  ],
};
