import type { Deadline } from '../../_shared/deadline.js';

export const TIMED_OUT: unique symbol = Symbol('sql step timed out');

/**
 * Resolves with `work`'s value, or with TIMED_OUT once the deadline passes. A late failure of
 * `work` is swallowed: nobody awaits it any more.
 */
export function raceDeadline<T>(work: Promise<T>, deadline: Deadline): Promise<T | typeof TIMED_OUT> {
  work.catch(() => undefined);
  if (deadline.expired) return Promise.resolve(TIMED_OUT);
  return new Promise<T | typeof TIMED_OUT>((resolve, reject) => {
    const onAbort = (): void => resolve(TIMED_OUT);
    deadline.signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        deadline.signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        deadline.signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

/** Waits `ms`. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
