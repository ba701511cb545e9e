import { setMaxListeners } from 'node:events';

/** A point in time a unit must be done by, with an abort signal that fires when it passes. */
export class Deadline {
  private readonly endsAt: number;
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;

  constructor(ms: number) {
    this.endsAt = Date.now() + ms;
    this.timer = setTimeout(() => this.controller.abort(), ms);
    // Every request of a unit listens on this one signal; a burst unit sends over a hundred.
    setMaxListeners(0, this.controller.signal);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get expired(): boolean {
    return this.controller.signal.aborted || Date.now() >= this.endsAt;
  }

  /** Milliseconds left, at least 1 so it can be passed as a timeout option. */
  remaining(): number {
    return Math.max(1, this.endsAt - Date.now());
  }

  /** Waits `ms`, or less if the deadline comes first. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.expired || ms <= 0) return resolve();
      const done = (): void => {
        clearTimeout(timer);
        this.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.min(ms, this.remaining()));
      this.signal.addEventListener('abort', done, { once: true });
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
