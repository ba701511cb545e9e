import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Endpoint } from '../../generators/types.js';
import type { LiveContainer } from '../../src/engine/container-session.js';
import { mineTarget, syscallsOutside, underProfile, type Mined, socketFamiliesOpenUnder } from '../helpers/acceptance.js';
import { buildSockprobeImage } from '../helpers/probe-image.js';

let mined: Mined;

async function sql(e: Endpoint, statements: string[], database = 'postgres'): Promise<number> {
  const client = new pg.Client({ host: e.host, port: e.port, user: 'postgres', database });
  client.on('error', () => undefined);
  await client.connect();
  let ok = 0;
  try {
    for (const s of statements) {
      await client.query(s);
      ok++;
    }
  } finally {
    await client.end();
  }
  return ok;
}

/** What an operator does to postgres: pgbench, maintenance, a big sort, a database round trip. */
async function operate(mined: Mined, live: LiveContainer): Promise<number> {
  const id = live.current.id;
  const e = live.current.endpoint;
  for (const cmd of [
    ['pgbench', '-i', '-s', '2', '-q', 'postgres'],
    ['pgbench', '-c', '6', '-j', '3', '-T', '3', '-N', 'postgres'],
    ['pgbench', '-c', '2', '-T', '2', '-S', 'postgres'],
  ]) {
    const r = await mined.runtime.exec(id, cmd, 60_000);
    expect(r.exitCode, `${cmd.join(' ')}: ${r.output}`).toBe(0);
  }
  return sql(e, [
    'VACUUM FULL pgbench_accounts',
    'VACUUM (ANALYZE) pgbench_history',
    'CLUSTER pgbench_accounts USING pgbench_accounts_pkey',
    'REINDEX TABLE pgbench_branches',
    'CHECKPOINT',
    "SET work_mem = '64kB'",
    'SELECT count(*) FROM (SELECT g, md5(g::text) AS h FROM generate_series(1, 300000) g ORDER BY h) s',
    'SELECT count(DISTINCT md5(g::text)) FROM generate_series(1, 200000) g',
    'TRUNCATE pgbench_history',
    'CREATE DATABASE acceptance_db',
    'DROP DATABASE acceptance_db',
    'SELECT pg_switch_wal()',
  ]);
}

beforeAll(async () => {
  mined = await mineTarget('postgres', { seed: 11 });
}, 300_000);

afterAll(async () => mined?.dispose());

describe('sandfuzz run --target postgres', () => {
  it('passes its own enforcement check and covers the maintenance tail', () => {
    const report = mined.outcome.report;
    expect('ok' in report.enforcement && report.enforcement.ok).toBe(true);
    for (const needed of ['truncate', 'rmdir', 'fdatasync', 'clone']) expect(mined.allowed).toContain(needed);
  });

  it('allows every syscall of pgbench, vacuum, checkpoint, big sorts and database churn it never saw', async () => {
    const { outside, exitCode } = await syscallsOutside(mined, async (live) => void (await operate(mined, live)));
    expect(outside).toEqual([]);
    expect(exitCode).toBe(0);
  }, 240_000);

  it('keeps maintenance succeeding under enforcement, and postgres stops with exit 0', async () => {
    const { result: done, exitCode } = await underProfile(mined, (live) => operate(mined, live));
    expect(done).toBe(12);
    expect(exitCode).toBe(0);
  }, 240_000);
  it('argument rules: a socket probe under the mined profile opens AF_INET and no family the server never used', async () => {
    const opened = await socketFamiliesOpenUnder(mined, await buildSockprobeImage(mined.runtime.docker));
    expect(opened.AF_INET).toBe('ok');
    for (const family of ['AF_ALG', 'AF_VSOCK', 'AF_PACKET', 'AF_KEY', 'AF_XDP']) expect(opened[family], family).not.toBe('ok');
  }, 60_000);
});
