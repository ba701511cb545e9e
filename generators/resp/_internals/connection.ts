import net from 'node:net';
import type { Endpoint } from '../../types.js';
import { RespDecoder } from '../protocol/resp-decoder.js';
import type { RespValue } from '../protocol/resp-value.js';
import type { Deadline } from '../../_shared/deadline.js';
import { Waker } from '../../_shared/waker.js';

/** The replies owed to one command, in order, and the out-of-band values that preceded them. */
export interface Expectation {
  readonly needed: number;
  readonly replies: RespValue[];
  pushes: readonly RespValue[];
  done: boolean;
}

/**
 * One raw TCP connection to the server: writes bytes, decodes replies and hands them, in order,
 * to the commands waiting for them. Values `isPush` claims (pub/sub messages, MONITOR lines) are
 * set aside and attached to the next reply instead.
 */
export class RespConnection {
  readonly decoder = new RespDecoder();
  readonly waker = new Waker();
  connected = false;
  closed = false;
  /** The server refused the connection (nothing listening). */
  refused = false;
  /** When the last bytes arrived (Date.now()), 0 before any. */
  lastDataAt = 0;
  /** Values that arrived when no command was waiting (after a malformed frame, mostly). */
  readonly stray: RespValue[] = [];
  isPush: (value: RespValue) => boolean = () => false;
  private readonly socket: net.Socket;
  private readonly queue: Expectation[] = [];
  private pushes: RespValue[] = [];
  /** Start of the current `quiet` window: the last write the caller marked. */
  private quietSince = Date.now();

  constructor(endpoint: Endpoint) {
    this.socket = net.connect({ host: endpoint.host, port: endpoint.port });
    this.socket.setNoDelay(true);
    this.socket.on('connect', () => {
      this.connected = true;
      this.waker.wake();
    });
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    // Resets and broken pipes are the server's doing; 'close' records them.
    this.socket.on('error', (err: NodeJS.ErrnoException) => {
      if (!this.connected && err.code === 'ECONNREFUSED') this.refused = true;
    });
    this.socket.on('close', () => {
      this.closed = true;
      this.waker.wake();
    });
  }

  /** Resolves true once connected, false if the connection failed or the deadline came first. */
  async opened(deadline: Deadline): Promise<boolean> {
    await this.waker.until(() => this.connected || this.closed, deadline);
    return this.connected && !this.closed;
  }

  /** Queues an expectation for `needed` replies; call before writing the command. */
  expect(needed: number): Expectation {
    const expectation: Expectation = { needed, replies: [], pushes: [], done: false };
    this.queue.push(expectation);
    return expectation;
  }

  /** Writes bytes; resolves once they are handed to the kernel, the socket closes or time runs out. */
  async write(bytes: Buffer, deadline: Deadline): Promise<void> {
    if (this.closed) return;
    let flushed = false;
    this.socket.write(bytes, () => {
      flushed = true;
      this.waker.wake();
    });
    await this.waker.until(() => flushed || this.closed, deadline);
  }

  /** Half-closes: the server sees end of input. */
  end(): void {
    if (!this.closed) this.socket.end();
  }

  /** Waits until `expectation` is complete, the connection closes or time runs out. */
  async settle(expectation: Expectation, deadline: Deadline, capMs?: number): Promise<void> {
    await this.waker.until(() => expectation.done || this.closed, deadline, capMs);
  }

  until(done: () => boolean, deadline: Deadline, capMs?: number): Promise<void> {
    return this.waker.until(done, deadline, capMs);
  }

  /** Waits until no bytes arrived for `quietMs` (or the connection closed). */
  async quiet(quietMs: number, deadline: Deadline): Promise<void> {
    for (;;) {
      if (this.closed || deadline.expired) return;
      const idleFor = Date.now() - Math.max(this.lastDataAt, this.quietSince);
      if (idleFor >= quietMs) return;
      await deadline.sleep(quietMs - idleFor);
    }
  }

  /** Starts the next `quiet` window now (after a write). */
  markActivity(): void {
    this.quietSince = Date.now();
  }

  destroy(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.lastDataAt = Date.now();
    this.decoder.feed(chunk);
    for (let value = this.decoder.values.shift(); value !== undefined; value = this.decoder.values.shift()) {
      this.route(value);
    }
    this.waker.wake();
  }

  private route(value: RespValue): void {
    if (this.isPush(value)) {
      this.pushes.push(value);
      return;
    }
    const head = this.queue[0];
    if (!head) {
      this.stray.push(value);
      return;
    }
    if (head.replies.length === 0) {
      head.pushes = this.pushes;
      this.pushes = [];
    }
    head.replies.push(value);
    // A multi-reply command (SUBSCRIBE a b c) refused with one error owes no further replies.
    if (head.replies.length >= head.needed || value.type === 'error') {
      head.done = true;
      this.queue.shift();
    }
  }
}
