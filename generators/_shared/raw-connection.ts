import net from 'node:net';
import type { Endpoint } from '../types.js';
import type { Deadline } from './deadline.js';
import { Waker } from './waker.js';

/**
 * One node:net connection as the raw executors see it: connect, write, half-close, and wait on
 * conditions over what arrived. Subclasses parse the bytes (`received`). Resets and broken pipes
 * are the server's answer, so errors only mark a refused connection; 'close' records the rest.
 */
export abstract class RawConnection {
  readonly waker = new Waker();
  connected = false;
  closed = false;
  /** The server refused the connection (nothing listening). */
  refused = false;
  /** When the last bytes arrived (Date.now()), 0 before any. */
  lastDataAt = 0;
  private readonly socket: net.Socket;

  constructor(endpoint: Endpoint) {
    this.socket = net.connect({ host: endpoint.host, port: endpoint.port });
    this.socket.setNoDelay(true);
    this.socket.on('connect', () => {
      this.connected = true;
      this.waker.wake();
    });
    this.socket.on('data', (chunk: Buffer) => {
      this.lastDataAt = Date.now();
      this.received(chunk);
      this.waker.wake();
    });
    this.socket.on('end', () => this.ended());
    this.socket.on('error', (err: NodeJS.ErrnoException) => {
      if (!this.connected && err.code === 'ECONNREFUSED') this.refused = true;
    });
    this.socket.on('close', () => {
      this.ended();
      this.closed = true;
      this.waker.wake();
    });
  }

  /** Parses bytes as they arrive. */
  protected abstract received(chunk: Buffer): void;

  /** The server ended its side or the socket closed (may be called twice). */
  protected ended(): void {}

  /** Resolves true once connected, false if the connection failed or the deadline came first. */
  async opened(deadline: Deadline): Promise<boolean> {
    await this.waker.until(() => this.connected || this.closed, deadline);
    return this.connected && !this.closed;
  }

  /** Resolves once `done()` holds, the socket closed, `capMs` passed or the deadline came. */
  until(done: () => boolean, deadline: Deadline, capMs?: number): Promise<void> {
    return this.waker.until(() => this.closed || done(), deadline, capMs);
  }

  /** Writes bytes; resolves once they are handed to the kernel, the socket closes or time runs out. */
  async write(bytes: Buffer, deadline: Deadline): Promise<void> {
    if (this.closed) return;
    let flushed = false;
    this.socket.write(bytes, () => {
      flushed = true;
      this.waker.wake();
    });
    await this.until(() => flushed, deadline);
  }

  /** Half-closes: the server sees end of input. */
  end(): void {
    if (!this.closed) this.socket.end();
  }

  destroy(): void {
    this.socket.destroy();
  }
}
