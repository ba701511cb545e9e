import { InterruptedError } from '../shared/errors.js';

/**
 * Time as the engine sees it, wherever time decides behaviour (readiness deadlines, settle times,
 * the mining budget). The system clock is the real one; test/fakes/ has one that jumps ahead on
 * every sleep, so a 60 s readiness timeout is reached in microseconds.
 */
export interface Clock {
  /** Monotonic nanoseconds, on the clock the tracer stamps its lines with (CLOCK_MONOTONIC). */
  nowNs(): bigint;
  /** Resolves after ms, or rejects with InterruptedError as soon as the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  nowNs: () => process.hrtime.bigint(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new InterruptedError('interrupted'));
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(new InterruptedError('interrupted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** Milliseconds on a clock, for deadlines. */
export function nowMs(clock: Clock): number {
  return Number(clock.nowNs() / 1000n) / 1000;
}
