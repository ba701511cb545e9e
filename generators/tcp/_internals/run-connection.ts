import type { Deadline } from '../../_shared/deadline.js';
import type { Endpoint } from '../../types.js';
import type { TcpConnectionPlan, TcpStep } from '../unit.js';
import { ACCEPTED, CLOSED_BY_PEER, errorAnswer, halfCloseAnswer, REFUSED, REPLIED, SILENT, TIMEOUT } from './answers.js';
import { stepBytes } from './step-bytes.js';
import { TcpConnection } from './tcp-connection.js';

// How long a unit waits for a first reply byte before calling the server silent. Generous: a
// healthy server answers within milliseconds, and `replied` must not turn into `silent` on a
// slow run (the engine replays units and compares answers).
export const REPLY_WAIT_MS = 500;
// How long a half-closed connection waits for the server to close its side. A server that
// closes on end of input does so at once; one that keeps half-open connections keeps them.
export const CLOSE_WAIT_MS = 2_000;

async function perform(step: TcpStep, conn: TcpConnection, deadline: Deadline): Promise<void> {
  switch (step.kind) {
    case 'send':
    case 'random':
      return conn.write(stepBytes(step), deadline);
    case 'pause':
      // Idle, but a server that hangs up on an idle client ends the wait.
      return conn.until(() => false, deadline, step.ms);
    case 'trickle': {
      const bytes = Buffer.from(step.data, 'latin1');
      for (let i = 0; i < bytes.length && !conn.closed && !conn.peerClosed && !deadline.expired; i++) {
        await conn.write(bytes.subarray(i, i + 1), deadline);
        if (i < bytes.length - 1) await conn.until(() => false, deadline, step.pauseMs);
      }
    }
  }
}

/** What the server did: replied beats hung up (its bytes come before its FIN), which beats silence. */
function observed(conn: TcpConnection): string {
  if (conn.replied) return REPLIED;
  return conn.peerClosed ? CLOSED_BY_PEER : SILENT;
}

async function finish(plan: TcpConnectionPlan, conn: TcpConnection, deadline: Deadline): Promise<string> {
  switch (plan.ending) {
    case 'close':
      return ACCEPTED;
    case 'reset':
      conn.reset();
      return ACCEPTED;
    case 'half-close':
      conn.end();
      await conn.waker.until(() => conn.closed, deadline, CLOSE_WAIT_MS);
      return halfCloseAnswer(conn.replied, conn.peerClosed);
    case 'await-reply':
    case 'await-reply-reset': {
      // For the reply to the last write, not to a banner that came first: closing before the
      // server answered would leave it writing into a closed socket on some runs and not others.
      // The answer is the same either way; only what the server gets to do differs.
      await conn.until(() => conn.chunks > conn.chunksBeforeLastWrite, deadline, REPLY_WAIT_MS);
      const answer = observed(conn);
      if (plan.ending === 'await-reply-reset') conn.reset();
      return answer;
    }
  }
}

/**
 * Runs one connection of a unit: connect, perform the steps, end as planned. Resolves with its
 * answer; the socket is destroyed before returning, whatever happened.
 */
export async function runConnection(plan: TcpConnectionPlan, endpoint: Endpoint, deadline: Deadline): Promise<string> {
  const conn = new TcpConnection(endpoint);
  try {
    if (!(await conn.opened(deadline))) {
      if (conn.refused) return REFUSED;
      return conn.failure !== null ? errorAnswer(conn.failure) : TIMEOUT;
    }
    for (const step of plan.steps) {
      if (conn.closed || conn.peerClosed || deadline.expired) break;
      await perform(step, conn, deadline);
    }
    return await finish(plan, conn, deadline);
  } finally {
    conn.destroy();
  }
}
