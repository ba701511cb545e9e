import net from 'node:net';
import type { Endpoint } from '../../types.js';
import type { RawUnit } from '../unit.js';
import { ABANDONED, CLOSED, REFUSED, responseAnswer, TIMEOUT, truncatedAnswer, UNSENT } from './answers.js';
import type { Deadline } from '../../_shared/deadline.js';
import { planRawUnit, type RawPlan, type WriteStep } from './raw-plan.js';
import { ResponseStreamParser } from './response-parser.js';
import { Waker } from '../../_shared/waker.js';

/** What a raw connection did, as the executor observed it. */
interface Connection {
  readonly socket: net.Socket;
  readonly parser: ResponseStreamParser;
  readonly waker: Waker;
  connected: boolean;
  closed: boolean;
  failure: string | null;
}

function connect(endpoint: Endpoint, plan: RawPlan): Connection {
  const socket = net.connect({ host: endpoint.host, port: endpoint.port });
  const conn: Connection = {
    socket,
    parser: new ResponseStreamParser((i) => plan.bodyExpected[i] ?? true),
    waker: new Waker(),
    connected: false,
    closed: false,
    failure: null,
  };
  socket.setNoDelay(true);
  socket.on('connect', () => {
    conn.connected = true;
    conn.waker.wake();
  });
  socket.on('data', (chunk: Buffer) => {
    conn.parser.feed(chunk);
    conn.waker.wake();
  });
  socket.on('end', () => conn.parser.end());
  // Resets and broken pipes are the server's answer, recorded through 'close'.
  socket.on('error', (err: NodeJS.ErrnoException) => {
    if (!conn.connected) conn.failure = err.code === 'ECONNREFUSED' ? REFUSED : CLOSED;
  });
  socket.on('close', () => {
    conn.parser.end();
    conn.closed = true;
    conn.waker.wake();
  });
  return conn;
}

async function perform(step: WriteStep, conn: Connection, deadline: Deadline): Promise<void> {
  if (step.kind === 'pause') return deadline.sleep(step.ms);
  if (step.kind === 'await-responses') {
    return conn.waker.until(() => conn.closed || conn.parser.responses.length >= step.count, deadline);
  }
  if (step.kind === 'await-answer') {
    const before = conn.parser.receivedBytes;
    return conn.waker.until(() => conn.closed || conn.parser.receivedBytes > before, deadline, step.ms);
  }
  let flushed = false;
  conn.socket.write(step.bytes, () => {
    flushed = true;
    conn.waker.wake();
  });
  return conn.waker.until(() => flushed || conn.closed, deadline);
}

function answerFor(index: number, plan: RawPlan, conn: Connection): string {
  const response = conn.parser.responses[index];
  if (response) return responseAnswer(response.status, response.length, response.shortSha1);
  if (conn.failure !== null) return conn.failure;
  if (index >= plan.sent) return UNSENT;
  if (plan.ending === 'abandon' && index === plan.sent - 1) return ABANDONED;
  const partial = index === conn.parser.responses.length ? conn.parser.partialStatus : null;
  if (conn.closed) return partial === null ? CLOSED : truncatedAnswer(partial);
  return TIMEOUT;
}

/**
 * Writes the unit's bytes over one node:net socket and reads the answers. The socket is
 * destroyed before returning, whatever happened.
 */
export async function executeRawUnit(unit: RawUnit, endpoint: Endpoint, deadline: Deadline): Promise<string[]> {
  const plan = planRawUnit(unit.messages);
  const conn = connect(endpoint, plan);
  try {
    await conn.waker.until(() => conn.connected || conn.closed, deadline);
    if (conn.connected) {
      for (const step of plan.steps) {
        if (conn.closed || deadline.expired) break;
        await perform(step, conn, deadline);
      }
      if (plan.ending === 'half-close') conn.socket.end();
      if (plan.ending !== 'abandon') {
        const allAnswered = (): boolean => plan.ending === 'read' && conn.parser.responses.length >= plan.sent;
        await conn.waker.until(() => conn.closed || allAnswered(), deadline);
      }
    } else if (!conn.closed) {
      conn.failure = TIMEOUT;
    }
  } finally {
    conn.socket.destroy();
  }
  return unit.messages.map((_, index) => answerFor(index, plan, conn));
}
