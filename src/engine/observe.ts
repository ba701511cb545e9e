import type { TargetSpec } from '../../targets/types.js';
import { untilAborted } from '../shared/abort.js';
import type { CleanupStack } from './cleanup.js';
import type { Clock } from './clock.js';
import { launchContainer, type LiveContainer } from './container-session.js';
import type { ContainerRuntime, ExitState } from './docker/runtime.js';
import { STARTUP_EPOCH } from './session.js';
import { ContainerTrace } from './tracer/container-trace.js';
import type { Tracer } from './tracer/tracer.js';
import { watchTracer } from './tracer/tracer-watch.js';

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
  deps: { runtime: ContainerRuntime; tracer: Tracer; cleanup: CleanupStack; signal: AbortSignal; clock?: Clock },
): Promise<Observation> {
  // A reference run on a dead or lossy tracer would hide what the profile blocks: a false pass.
  const watch = watchTracer(deps.tracer, `tracing the ${args.purpose} run`);
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
    runtime: deps.runtime,
    cleanup: deps.cleanup,
    target: args.target,
    image: args.image,
    seccompProfile: args.profileJson,
    purpose: args.purpose,
    signal: deps.signal,
    ...(deps.clock ? { clock: deps.clock } : {}),
  });
  trace.select(container.mntns);
  const live: LiveContainer = {
    current: container,
    beforeRestart: () => trace.holdUntilSelect(),
    afterRestart: (c) => trace.select(c.mntns),
  };
  watch.assertAlive();
  await args.drive(live, startEpoch);
  watch.assertAlive();
  const stopEpoch = startEpoch();
  const exit = await untilAborted(deps.runtime.stop(container.id, args.target.run.stopTimeoutSec), deps.signal);
  await untilAborted(deps.tracer.sync(startEpoch()), deps.signal);
  watch.assertAlive();
  await container.remove();
  return { trace, exit, stopEpoch };
}
