import type { Deadline } from './deadline.js';

/**
 * Lets async code wait for a condition over event-driven state (socket data, close, write
 * callbacks): event handlers call wake(), waiters re-check their condition.
 */
export class Waker {
  private readonly waiters = new Set<() => void>();

  wake(): void {
    for (const check of [...this.waiters]) check();
  }

  /** Resolves once `done()` holds, after `capMs`, or at the deadline, whichever comes first. */
  until(done: () => boolean, deadline: Deadline, capMs = Number.POSITIVE_INFINITY): Promise<void> {
    return new Promise((resolve) => {
      if (done() || deadline.expired) return resolve();
      const finish = (): void => {
        clearTimeout(timer);
        deadline.signal.removeEventListener('abort', finish);
        this.waiters.delete(check);
        resolve();
      };
      const check = (): void => {
        if (done()) finish();
      };
      const timer = setTimeout(finish, Math.min(capMs, deadline.remaining()));
      deadline.signal.addEventListener('abort', finish, { once: true });
      this.waiters.add(check);
    });
  }
}
