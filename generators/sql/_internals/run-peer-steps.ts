import type { AwaitNotifyStep, CancelStep } from '../unit.js';
import { shortSha1, TIMEOUT } from './answers.js';
import { pause, raceDeadline, TIMED_OUT } from './deadline-race.js';
import type { PgConnection } from './pg-connection.js';
import { answerQuery } from './query-answer.js';
import type { UnitSession } from './unit-session.js';

/** Answer of a terminate-peer step when the unit never opened connection 1. */
export const NO_PEER = 'no-peer';

// With nothing expected, this long shows that nothing arrives.
const QUIET_WAIT_MS = 200;
// How long a cancel step waits for the server to show its query running.
const ACTIVE_WAIT_MS = 2_000;
// How long the peer gets to go away once terminated.
const PEER_EXIT_WAIT_MS = 2_000;

/** Notifications connection 0 holds, as a count and an order-free digest (no sender pids). */
export async function runAwaitNotify(step: AwaitNotifyStep, session: UnitSession): Promise<string> {
  const connection = await session.connection(0);
  if (typeof connection === 'string') return connection;
  const cap = step.expected === 0 ? QUIET_WAIT_MS : step.capMs;
  await connection.until(() => connection.notifications.length >= step.expected, session.deadline, cap);
  const received = connection.notifications.map((n) => `${n.channel}\t${n.payload}`).sort();
  return `notify n=${received.length} sha1=${shortSha1(received.join('\n'))}`;
}

/** pg_terminate_backend of the unit's own idle peer connection, then waits for it to close. */
export async function runTerminatePeer(session: UnitSession): Promise<string> {
  const peer = session.opened(1);
  const pid = peer?.processId ?? null;
  if (!peer || peer.closed || pid === null) return NO_PEER;
  const connection = await session.connection(0);
  if (typeof connection === 'string') return connection;
  const sql = 'SELECT pg_terminate_backend($1)';
  const answer = await answerQuery(session, connection, { text: sql, values: [pid], rowMode: 'array' }, sql, 'rows');
  await peer.until(() => false, session.deadline, PEER_EXIT_WAIT_MS);
  return `${answer} peer=${peer.closed ? 'closed' : 'open'}`;
}

/** Polls pg_stat_activity from the peer until `pid` runs a statement. */
async function waitActive(peer: PgConnection, pid: number, session: UnitSession): Promise<void> {
  const until = Date.now() + ACTIVE_WAIT_MS;
  while (Date.now() < until && !session.deadline.expired) {
    try {
      const result = await raceDeadline(
        peer.client.query({ text: 'SELECT state FROM pg_stat_activity WHERE pid = $1', values: [pid], rowMode: 'array' }),
        session.deadline,
      );
      if (result === TIMED_OUT || result.rows[0]?.[0] === 'active') return;
    } catch {
      return;
    }
    await pause(20);
  }
}

/**
 * Starts the step's slow statement on connection 0, waits until the server shows it running,
 * cancels it (CancelRequest, or pg_cancel_backend from the peer) and answers with its outcome.
 */
export async function runCancel(step: CancelStep, session: UnitSession): Promise<string> {
  const connection = await session.connection(0);
  if (typeof connection === 'string') return connection;
  const pid = connection.processId;
  const running = answerQuery(session, connection, { text: step.sql, rowMode: 'array' }, step.sql, 'rows');
  const peer = await session.connection(1);
  if (typeof peer === 'string' || pid === null) await pause(300);
  else await waitActive(peer, pid, session);
  if (step.via === 'function' && typeof peer !== 'string' && pid !== null) {
    await raceDeadline(peer.client.query({ text: 'SELECT pg_cancel_backend($1)', values: [pid] }), session.deadline).catch(() => undefined);
  } else {
    connection.sendCancelRequest();
  }
  const answer = await running;
  return session.deadline.expired && answer === TIMEOUT ? TIMEOUT : answer;
}
