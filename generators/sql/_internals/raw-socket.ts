import { RawConnection } from '../../_shared/raw-connection.js';
import { BackendReader } from './backend-reader.js';

/** A node:net connection to the server with its bytes parsed into backend messages. */
export class RawSocket extends RawConnection {
  readonly reader = new BackendReader();

  protected received(chunk: Buffer): void {
    this.reader.feed(chunk);
  }

  /** Index of the first message of `type` at or after `from`, or -1. */
  indexOf(type: string, from = 0): number {
    return this.reader.messages.findIndex((m, i) => i >= from && m.type === type);
  }
}
