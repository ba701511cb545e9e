import net from 'node:net';
import type { Endpoint } from '../../types.js';
import type { Deadline } from '../../_shared/deadline.js';
import { Waker } from '../../_shared/waker.js';
import { BackendReader } from './backend-reader.js';

/** A node:net connection to the server with its bytes parsed into backend messages. */
export class RawSocket {
  readonly reader = new BackendReader();
  connected = false;
  closed = false;
  refused = false;
  private readonly socket: net.Socket;
  private readonly waker = new Waker();

  constructor(endpoint: Endpoint) {
    this.socket = net.connect({ host: endpoint.host, port: endpoint.port });
    this.socket.setNoDelay(true);
    this.socket.on('connect', () => {
      this.connected = true;
      this.waker.wake();
    });
    this.socket.on('data', (chunk: Buffer) => {
      this.reader.feed(chunk);
      this.waker.wake();
    });
    // Resets and broken pipes are answers, recorded through 'close'.
    this.socket.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED') this.refused = true;
    });
    this.socket.on('close', () => {
      this.closed = true;
      this.waker.wake();
    });
  }

  /** Resolves once `done()` holds, the socket closed, `capMs` passed or the deadline came. */
  until(done: () => boolean, deadline: Deadline, capMs: number): Promise<void> {
    return this.waker.until(() => this.closed || done(), deadline, capMs);
  }

  async write(bytes: Buffer, deadline: Deadline): Promise<void> {
    if (this.closed) return;
    let flushed = false;
    this.socket.write(bytes, () => {
      flushed = true;
      this.waker.wake();
    });
    await this.until(() => flushed, deadline, deadline.remaining());
  }

  /** Index of the first message of `type` at or after `from`, or -1. */
  indexOf(type: string, from = 0): number {
    return this.reader.messages.findIndex((m, i) => i >= from && m.type === type);
  }

  halfClose(): void {
    if (!this.closed) this.socket.end();
  }

  destroy(): void {
    this.socket.destroy();
  }
}
