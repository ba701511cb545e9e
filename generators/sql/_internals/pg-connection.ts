import net from 'node:net';
import pg from 'pg';
import type { Endpoint } from '../../types.js';
import type { Deadline } from '../../_shared/deadline.js';
import { Waker } from '../../_shared/waker.js';
import { CLOSED, errorAnswer, REFUSED, TIMEOUT } from './answers.js';
import { raceDeadline, TIMED_OUT } from './deadline-race.js';
import { cancelRequestPacket } from './frontend-frames.js';

export interface ConnectionOptions {
  readonly database: string;
  readonly tls: boolean;
  readonly statementTimeoutMs: number;
}

export interface ReceivedNotification {
  readonly channel: string;
  readonly payload: string;
}

// Every value as the server's text, so answers never depend on pg's type parsing.
const TEXT_VALUES: pg.CustomTypesConfig = { getTypeParser: (() => (value: string) => value) as pg.CustomTypesConfig['getTypeParser'] };

/** The fields pg sets from BackendKeyData; typed here because @types/pg leaves them out. */
interface BackendKey {
  readonly processID?: number;
  readonly secretKey?: number;
}

/** The answer for a connection that failed: the server's SQLSTATE, or what became of the socket. */
export function connectionFailure(err: unknown, deadline: Deadline): string {
  const { code } = (typeof err === 'object' && err !== null ? err : {}) as { code?: unknown };
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return errorAnswer(code);
  if (deadline.expired) return TIMEOUT;
  return code === 'ECONNREFUSED' ? REFUSED : CLOSED;
}

/** One pg connection of a unit, with what the server pushed at it (notifications, closing). */
export class PgConnection {
  readonly notifications: ReceivedNotification[] = [];
  closed = false;
  private readonly waker = new Waker();

  private constructor(
    readonly client: pg.Client,
    private readonly endpoint: Endpoint,
  ) {}

  /** Opens a connection, or resolves with the answer explaining why it could not. */
  static async open(endpoint: Endpoint, options: ConnectionOptions, deadline: Deadline): Promise<PgConnection | string> {
    const client = new pg.Client({
      host: endpoint.host,
      port: endpoint.port,
      user: 'postgres',
      database: options.database,
      ssl: options.tls ? { rejectUnauthorized: false } : false,
      statement_timeout: options.statementTimeoutMs,
      application_name: 'sandfuzz',
      types: TEXT_VALUES,
    });
    const connection = new PgConnection(client, endpoint);
    const gone = (): void => {
      connection.closed = true;
      connection.waker.wake();
    };
    // A server-side FATAL or reset arrives as 'error'; unhandled it would crash the process.
    client.on('error', gone);
    client.on('end', gone);
    client.on('notice', () => undefined);
    client.on('notification', (n: pg.Notification) => {
      connection.notifications.push({ channel: n.channel, payload: n.payload ?? '' });
      connection.waker.wake();
    });
    try {
      const connected = await raceDeadline(client.connect(), deadline);
      if (connected === TIMED_OUT) {
        connection.destroy();
        return TIMEOUT;
      }
      return connection;
    } catch (err) {
      connection.destroy();
      return connectionFailure(err, deadline);
    }
  }

  get processId(): number | null {
    return (this.client as unknown as BackendKey).processID ?? null;
  }

  /** Waits until `done()` holds, the connection closed, `capMs` passed or the deadline came. */
  until(done: () => boolean, deadline: Deadline, capMs: number): Promise<void> {
    return this.waker.until(() => this.closed || done(), deadline, capMs);
  }

  /** Asks the server to cancel whatever this connection runs (a CancelRequest on a new socket). */
  sendCancelRequest(): void {
    const key = this.client as unknown as BackendKey;
    if (key.processID === undefined || key.secretKey === undefined) return;
    const socket = net.connect({ host: this.endpoint.host, port: this.endpoint.port });
    socket.on('error', () => undefined);
    socket.setTimeout(1_000, () => socket.destroy());
    socket.on('connect', () => socket.end(cancelRequestPacket(key.processID!, key.secretKey!)));
  }

  /** Ends the session politely within `capMs`, or drops the socket. */
  async close(capMs: number): Promise<void> {
    if (!this.closed) {
      let timer: NodeJS.Timeout | undefined;
      const cap = new Promise<void>((resolve) => (timer = setTimeout(resolve, capMs)));
      await Promise.race([this.client.end().catch(() => undefined), cap]).finally(() => clearTimeout(timer));
    }
    this.destroy();
  }

  destroy(): void {
    this.closed = true;
    const stream = (this.client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream;
    stream?.destroy();
  }
}
