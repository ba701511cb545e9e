import net from 'node:net';
import type { Deadline } from '../../_shared/deadline.js';
import { Waker } from '../../_shared/waker.js';
import type { Endpoint } from '../../types.js';

/**
 * One node:net connection as the TCP executor sees it: whether it opened, whether bytes came
 * back, whether the server hung up (FIN or RST) before we let go, and a way to let go with RST.
 * Like _shared/RawConnection, but the TCP generator needs `reset()` and who closed first.
 */
export class TcpConnection {
  readonly waker = new Waker();
  connected = false;
  /** The socket is gone (either side). */
  closed = false;
  /** Nothing listens on the port. */
  refused = false;
  /** The error that ended a connection that never opened, other than a refusal. */
  failure: string | null = null;
  /** Some bytes came back. */
  replied = false;
  /** The server ended or reset the connection before this side let go of it. */
  peerClosed = false;
  /** Data events so far: prepare waits for the server to go quiet. */
  chunks = 0;
  /** `chunks` when the last write began: later data answers that write (or what came before). */
  chunksBeforeLastWrite = 0;
  /** The first `keepBytes` bytes received (prepare's banner); nothing by default. */
  readonly kept: Buffer[] = [];
  /** How many bytes `kept` holds. */
  keptBytes = 0;
  private letGo = false;
  private readonly socket: net.Socket;

  constructor(
    endpoint: Endpoint,
    private readonly keepBytes = 0,
  ) {
    this.socket = net.connect({ host: endpoint.host, port: endpoint.port });
    this.socket.setNoDelay(true);
    this.socket.on('connect', () => {
      this.connected = true;
      this.waker.wake();
    });
    this.socket.on('data', (chunk: Buffer) => {
      this.replied = true;
      this.chunks++;
      if (this.keptBytes < this.keepBytes) {
        const part = chunk.subarray(0, this.keepBytes - this.keptBytes);
        this.kept.push(part);
        this.keptBytes += part.length;
      }
      this.waker.wake();
    });
    this.socket.on('end', () => this.peerGone());
    // Resets and broken pipes are the server's doing; only errors before connecting say more.
    this.socket.on('error', (err: NodeJS.ErrnoException) => {
      if (this.connected) return this.peerGone();
      if (err.code === 'ECONNREFUSED') this.refused = true;
      else this.failure ??= err.code ?? err.name;
    });
    this.socket.on('close', () => {
      if (this.connected) this.peerGone();
      this.closed = true;
      this.waker.wake();
    });
  }

  private peerGone(): void {
    if (!this.letGo) this.peerClosed = true;
    this.waker.wake();
  }

  /**
   * Resolves true once connected, false if the connection failed or the deadline came first.
   * True even when the server already hung up again: that is its answer, not a failed connect.
   */
  async opened(deadline: Deadline): Promise<boolean> {
    await this.waker.until(() => this.connected || this.closed, deadline);
    return this.connected;
  }

  /** Resolves once `done()` holds, the server hung up, `capMs` passed or the deadline came. */
  until(done: () => boolean, deadline: Deadline, capMs?: number): Promise<void> {
    return this.waker.until(() => this.closed || this.peerClosed || done(), deadline, capMs);
  }

  /** Writes bytes; resolves once they are handed to the kernel, the server hangs up or time runs out. */
  async write(bytes: Buffer, deadline: Deadline): Promise<void> {
    if (this.closed || this.peerClosed || !this.socket.writable) return;
    this.chunksBeforeLastWrite = this.chunks;
    let flushed = false;
    this.socket.write(bytes, () => {
      flushed = true;
      this.waker.wake();
    });
    await this.until(() => flushed, deadline);
  }

  /** Half-closes (FIN): the server reads end of input, and may still answer. */
  end(): void {
    if (!this.closed && this.socket.writable) this.socket.end();
  }

  /**
   * Lets go with RST instead of FIN. Not once the server has closed its side: Node 20's
   * resetAndDestroy on a socket whose readable side has ended never finishes closing the handle,
   * and the process then spins at 100% CPU when it exits (seen here). A plain close does.
   */
  reset(): void {
    this.letGo = true;
    if (this.connected && !this.closed && !this.socket.readableEnded) this.socket.resetAndDestroy();
    else this.socket.destroy();
  }

  destroy(): void {
    this.letGo = true;
    this.socket.destroy();
  }
}
