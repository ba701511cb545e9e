import type { LifecycleAction, TargetSpec } from '../../targets/types.js';
import type { CleanupStack } from './cleanup.js';
import type { ContainerRuntime, StartedContainer } from './docker/runtime.js';
import { sleep, waitUntilReady } from './wait.js';

/** Labels on every container sandfuzz starts, so strays can be found and removed. */
export const LABEL = 'sandfuzz';
export const OWNER_PID_LABEL = 'sandfuzz.owner-pid';

export interface LaunchArgs {
  readonly runtime: ContainerRuntime;
  readonly cleanup: CleanupStack;
  readonly target: TargetSpec;
  readonly image: string;
  readonly seccompProfile: string;
  /** What this container is for: 'mine', 'enforce'... (part of its name). */
  readonly purpose: string;
  readonly signal: AbortSignal;
  /** Called after the container is created, right before it starts (the tracer marks start-up). */
  readonly beforeStart?: () => void;
  readonly readyTimeoutMs?: number;
}

export interface LaunchedContainer extends StartedContainer {
  /** Removes the container now (it is also removed by the cleanup stack on any exit path). */
  readonly remove: () => Promise<void>;
}

/** Creates and starts a target container, registers its removal, and waits until it is ready. */
export async function launchContainer(args: LaunchArgs): Promise<LaunchedContainer> {
  const { runtime, target } = args;
  const name = `sandfuzz-${target.name}-${args.purpose}-${process.pid}-${Date.now().toString(36)}`;
  const id = await runtime.create({
    image: args.image,
    name,
    port: target.port,
    seccompProfile: args.seccompProfile,
    ...(target.run.shmSizeBytes ? { shmSizeBytes: target.run.shmSizeBytes } : {}),
    labels: { [LABEL]: args.purpose, [OWNER_PID_LABEL]: String(process.pid) },
  });
  const remove = args.cleanup.defer(`remove container ${name}`, () => runtime.remove(id));
  args.beforeStart?.();
  const started = await runtime.start(id, target.port);
  await waitUntilReady({
    runtime,
    id,
    endpoint: started.endpoint,
    ready: (e) => target.ready(e),
    timeoutMs: args.readyTimeoutMs ?? 60_000,
    signal: args.signal,
  });
  return { ...started, remove };
}

/** Applies a lifecycle event, lets it settle, and checks the server answers again. */
export async function applyLifecycle(
  runtime: ContainerRuntime,
  container: StartedContainer,
  target: TargetSpec,
  action: LifecycleAction,
  signal: AbortSignal,
): Promise<{ healthyAfter: boolean; detail: string }> {
  let detail: string;
  if (action.kind === 'signal') {
    await runtime.signal(container.id, action.signal);
    detail = `sent SIG${action.signal}`;
  } else {
    const { exitCode, output } = await runtime.exec(container.id, action.cmd, 15_000);
    detail = `exit ${exitCode}${output.trim() ? `: ${output.trim().split('\n')[0]}` : ''}`;
  }
  await sleep(action.settleMs, signal);
  try {
    await waitUntilReady({ runtime, id: container.id, endpoint: container.endpoint, ready: (e) => target.ready(e), timeoutMs: 15_000, signal });
    return { healthyAfter: true, detail };
  } catch (err) {
    if ((err as Error).name === 'InterruptedError') throw err;
    return { healthyAfter: false, detail: `${detail}; ${(err as Error).message}` };
  }
}
