import { RespDecoder } from '../protocol/resp-decoder.js';
import type { RespValue } from '../protocol/resp-value.js';
import type { Deadline } from '../../_shared/deadline.js';
import { RawConnection } from '../../_shared/raw-connection.js';

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
export class RespConnection extends RawConnection {
  readonly decoder = new RespDecoder();
  /** Values that arrived when no command was waiting (after a malformed frame, mostly). */
  readonly stray: RespValue[] = [];
  isPush: (value: RespValue) => boolean = () => false;
  private readonly queue: Expectation[] = [];
  private pushes: RespValue[] = [];
  /** Start of the current `quiet` window: the last write the caller marked. */
  private quietSince = Date.now();

  /** Queues an expectation for `needed` replies; call before writing the command. */
  expect(needed: number): Expectation {
    const expectation: Expectation = { needed, replies: [], pushes: [], done: false };
    this.queue.push(expectation);
    return expectation;
  }

  /** Waits until `expectation` is complete, the connection closes or time runs out. */
  settle(expectation: Expectation, deadline: Deadline, capMs?: number): Promise<void> {
    return this.until(() => expectation.done, deadline, capMs);
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

  protected received(chunk: Buffer): void {
    this.decoder.feed(chunk);
    for (let value = this.decoder.values.shift(); value !== undefined; value = this.decoder.values.shift()) {
      this.route(value);
    }
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
