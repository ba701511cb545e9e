import { InterruptedError } from './errors.js';

/**
 * Settles like `work`, or rejects with InterruptedError as soon as `signal` aborts. The work
 * itself may go on (a Docker request in flight): whatever it started is undone by the cleanup
 * stack, and abandoning the await is what lets one Ctrl-C end a run within seconds.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(new InterruptedError('interrupted'));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new InterruptedError('interrupted'));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
