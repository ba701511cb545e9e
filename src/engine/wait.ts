import { InterruptedError, TargetUnhealthyError } from '../shared/errors.js';
import type { Endpoint } from '../shared/endpoint.js';
import type { ContainerRuntime } from './docker/runtime.js';

/** Resolves after ms, or rejects with InterruptedError as soon as the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
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
  });
}

export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new InterruptedError('interrupted');
}

/**
 * Polls the target's readiness probe until it answers, the container exits, or the timeout ends.
 * A published port can take a moment to answer after start, so this polls rather than sleeps.
 */
export async function waitUntilReady(args: {
  runtime: ContainerRuntime;
  id: string;
  endpoint: Endpoint;
  ready: (endpoint: Endpoint) => Promise<boolean>;
  timeoutMs: number;
  signal: AbortSignal;
}): Promise<void> {
  const deadline = Date.now() + args.timeoutMs;
  for (;;) {
    throwIfAborted(args.signal);
    if (await args.ready(args.endpoint)) return;
    const state = await args.runtime.state(args.id);
    if (!state.running) {
      const logs = (await args.runtime.logs(args.id, 5).catch(() => '')).trim().split('\n').pop() ?? '';
      throw new TargetUnhealthyError(`container exited with code ${state.exitCode} before it was ready${logs ? `: ${logs}` : ''}`);
    }
    if (Date.now() > deadline) throw new TargetUnhealthyError(`server did not become ready within ${args.timeoutMs} ms`);
    await sleep(200, args.signal);
  }
}
