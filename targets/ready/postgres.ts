import pg from 'pg';
import type { Endpoint } from '../../src/shared/endpoint.js';

const PROBE_TIMEOUT_MS = 2_000;

/** Healthy once `user` can connect and SELECT 1 answers (not "the database system is starting up"). */
export async function postgresReady(endpoint: Endpoint, user = 'postgres', database = user): Promise<boolean> {
  const client = new pg.Client({
    host: endpoint.host,
    port: endpoint.port,
    user,
    database,
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
