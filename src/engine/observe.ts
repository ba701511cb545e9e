import type { TargetSpec } from '../../targets/types.js';
import type { CleanupStack } from './cleanup.js';
import { launchContainer, type LaunchedContainer } from './container-session.js';
import type { ContainerRuntime, ExitState } from './docker/runtime.js';
import { ContainerTrace } from './tracer/container-trace.js';
import type { Tracer } from './tracer/tracer.js';

export interface Observation {
  readonly trace: ContainerTrace;
  readonly exit: ExitState;
}

/**
 * Runs a target container under a profile while tracing it, lets `drive` exercise it, then stops
 * it gracefully and returns everything the container did, start-up to exit. The tracer must be
 * started; it is left running for the caller to stop.
 */
export async function observeContainer(
  args: {
    readonly target: TargetSpec;
    readonly image: string;
    readonly profileJson: string;
    readonly purpose: string;
    readonly drive: (container: LaunchedContainer) => Promise<void>;
  },
  deps: { runtime: ContainerRuntime; tracer: Tracer; cleanup: CleanupStack; signal: AbortSignal },
): Promise<Observation> {
  const trace = new ContainerTrace();
  deps.tracer.onLine((line) => trace.push(line));
  deps.tracer.mark(0);
  const container = await launchContainer({
    runtime: deps.runtime, cleanup: deps.cleanup, target: args.target, image: args.image,
    seccompProfile: args.profileJson, purpose: args.purpose, signal: deps.signal,
  });
  trace.select(container.mntns);
  await args.drive(container);
  const exit = await deps.runtime.stop(container.id, args.target.run.stopTimeoutSec);
  await deps.tracer.sync(1);
  await container.remove();
  return { trace, exit };
}
