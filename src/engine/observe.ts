import type { TargetSpec } from '../../targets/types.js';
import type { CleanupStack } from './cleanup.js';
import { launchContainer, type LiveContainer } from './container-session.js';
import type { ContainerRuntime, ExitState } from './docker/runtime.js';
import { STARTUP_EPOCH } from './session.js';
import { ContainerTrace } from './tracer/container-trace.js';
import type { Tracer } from './tracer/tracer.js';

export interface Observation {
  readonly trace: ContainerTrace;
  readonly exit: ExitState;
  /** First epoch of the graceful stop: later epochs are the shutdown path. */
  readonly stopEpoch: number;
}

/**
 * Runs a target container under a profile while tracing it, lets `drive` exercise it (calling
 * `startEpoch` before each step it wants told apart), then stops it gracefully and returns
 * everything the container did, start-up to exit. The tracer must be started; the caller stops it.
 */
export async function observeContainer(
  args: {
    readonly target: TargetSpec;
    readonly image: string;
    readonly profileJson: string;
    readonly purpose: string;
    readonly drive: (live: LiveContainer, startEpoch: () => number) => Promise<void>;
  },
  deps: { runtime: ContainerRuntime; tracer: Tracer; cleanup: CleanupStack; signal: AbortSignal },
): Promise<Observation> {
  const trace = new ContainerTrace();
  deps.tracer.onLine((line) => trace.push(line));
  let epoch = STARTUP_EPOCH;
  const startEpoch = (): number => {
    epoch++;
    deps.tracer.mark(epoch);
    return epoch;
  };
  deps.tracer.mark(STARTUP_EPOCH);
  const container = await launchContainer({
    runtime: deps.runtime, cleanup: deps.cleanup, target: args.target, image: args.image,
    seccompProfile: args.profileJson, purpose: args.purpose, signal: deps.signal,
  });
  trace.select(container.mntns);
  const live: LiveContainer = {
    current: container,
    beforeRestart: () => trace.holdUntilSelect(),
    afterRestart: (c) => trace.select(c.mntns),
  };
  await args.drive(live, startEpoch);
  const stopEpoch = startEpoch();
  const exit = await deps.runtime.stop(container.id, args.target.run.stopTimeoutSec);
  await deps.tracer.sync(startEpoch());
  await container.remove();
  return { trace, exit, stopEpoch };
}
