import type { Clock } from '../../src/engine/clock.js';
import { InterruptedError } from '../../src/shared/errors.js';

/**
 * A clock that jumps ahead on every sleep instead of waiting: a 60 s readiness deadline or a
 * 90 s mining budget passes in microseconds of real time. Sleeps still yield (setImmediate), so
 * I/O callbacks and aborts get their turn between them.
 */
export class FakeClock implements Clock {
  private ns = 1_000_000_000_000n;

  nowNs(): bigint {
    return this.ns;
  }

  /** Moves time forward, as a unit that takes `ms` would. */
  advance(ms: number): void {
    this.ns += BigInt(Math.round(ms * 1e6));
  }

  get ms(): number {
    return Number(this.ns / 1_000_000n);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new InterruptedError('interrupted'));
      this.advance(ms);
      setImmediate(() => (signal?.aborted ? reject(new InterruptedError('interrupted')) : resolve()));
    });
  }
}
