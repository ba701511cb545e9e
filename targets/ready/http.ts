import { Client } from 'undici';
import type { Endpoint } from '../../src/shared/endpoint.js';

const PROBE_TIMEOUT_MS = 2_000;

/**
 * Healthy once GET path answers `status`, or any status below 500 when none is asked for (an API
 * may well answer 404 at its root). A fresh client per probe, destroyed after, leaks no socket.
 */
export async function httpReady(endpoint: Endpoint, path: string, status?: number): Promise<boolean> {
  const client = new Client(`http://${endpoint.host}:${endpoint.port}`, {
    connectTimeout: PROBE_TIMEOUT_MS,
    headersTimeout: PROBE_TIMEOUT_MS,
    bodyTimeout: PROBE_TIMEOUT_MS,
  });
  try {
    const res = await client.request({ method: 'GET', path, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await res.body.dump();
    return status === undefined ? res.statusCode < 500 : res.statusCode === status;
  } catch {
    return false;
  } finally {
    await client.destroy().catch(() => undefined);
  }
}
