import { Deadline } from '../_shared/deadline.js';
import type { Endpoint, ExecuteOptions } from '../types.js';
import { TcpConnection } from './_internals/tcp-connection.js';

// A server that greets (SMTP, FTP, POP3, SSH, MySQL) does so at once; one that has not spoken
// within this long waits for the client.
export const BANNER_WAIT_MS = 300;
// The rest of a greeting that arrives in pieces: it is complete once the server went quiet.
const QUIET_MS = 50;
// A banner is a line or a handshake packet; more than this is a stream, not a greeting.
export const MAX_BANNER_BYTES = 1024;
// All of prepare, connect included: a server that streams in dribs and drabs must not hold it up.
const PREPARE_MAX_MS = 2_000;

/**
 * Connects once and returns the server's greeting (latin1, at most MAX_BANNER_BYTES) if it
 * sends one within BANNER_WAIT_MS, else null. Never throws: a silent, closed or absent server
 * simply has no banner.
 */
export async function recordBanner(endpoint: Endpoint, options: ExecuteOptions): Promise<string | null> {
  const budget = Number.isFinite(options.timeoutMs) && options.timeoutMs > 0 ? options.timeoutMs : PREPARE_MAX_MS;
  const deadline = new Deadline(Math.min(budget, PREPARE_MAX_MS));
  let conn: TcpConnection | undefined;
  try {
    conn = new TcpConnection(endpoint, MAX_BANNER_BYTES);
    const c = conn;
    if (!(await c.opened(deadline))) return null;
    await c.until(() => c.replied, deadline, BANNER_WAIT_MS);
    for (let seen = -1; c.replied && c.chunks !== seen && !c.closed && !deadline.expired; ) {
      seen = c.chunks;
      if (c.keptBytes >= MAX_BANNER_BYTES) break;
      await c.waker.until(() => c.chunks !== seen || c.closed, deadline, QUIET_MS);
    }
    return c.replied ? Buffer.concat(c.kept).toString('latin1') : null;
  } catch {
    return null;
  } finally {
    conn?.destroy();
    deadline.dispose();
  }
}
