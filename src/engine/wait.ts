import { untilAborted } from '../shared/abort.js';
import { InterruptedError, TargetUnhealthyError } from '../shared/errors.js';
import type { Endpoint } from '../shared/endpoint.js';
import { nowMs, systemClock, type Clock } from './clock.js';
import type { ContainerRuntime } from './docker/runtime.js';

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
  clock?: Clock;
}): Promise<void> {
  const clock = args.clock ?? systemClock;
  const deadline = nowMs(clock) + args.timeoutMs;
  for (;;) {
    throwIfAborted(args.signal);
    // An exec probe can take seconds per try: an interrupt must not wait for it.
    if (await untilAborted(args.ready(args.endpoint), args.signal)) return;
    const state = await untilAborted(args.runtime.state(args.id), args.signal);
    if (!state.running) {
      const logs = (await args.runtime.logs(args.id, 5).catch(() => '')).trim().split('\n').pop() ?? '';
      throw new TargetUnhealthyError(`container exited with code ${state.exitCode} before it was ready${logs ? `: ${logs}` : ''}`);
    }
    if (nowMs(clock) > deadline) throw new TargetUnhealthyError(`server did not become ready within ${args.timeoutMs} ms`);
    await clock.sleep(200, args.signal);
  }
}
