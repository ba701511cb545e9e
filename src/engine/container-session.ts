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
  /** Pin the container to these CPUs (benchmarks keep it apart from the load generator). */
  readonly cpusetCpus?: string;
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
    ...(args.cpusetCpus ? { cpusetCpus: args.cpusetCpus } : {}),
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

/**
 * The container a session is working with. A restart gives it a new init process, mount namespace
 * and possibly host port: everything that holds it reads `current`, and `onRestart` lets the
 * tracer follow it into its new namespace.
 */
export interface LiveContainer {
  current: StartedContainer;
  /** Called before a restart begins (hold tracer lines) and after it (select the new namespace). */
  readonly beforeRestart?: () => void;
  readonly afterRestart?: (c: StartedContainer) => void;
}

/** One line describing a lifecycle action, as reports show it. */
export function describeLifecycle(action: LifecycleAction): string {
  switch (action.kind) {
    case 'signal':
      return `signal ${action.signal}`;
    case 'exec':
      return `exec ${action.cmd.join(' ')}`;
    case 'idle':
      return `idle ${action.settleMs} ms`;
    case 'restart':
      return action.hard ? 'restart after SIGKILL (crash recovery)' : 'restart (graceful stop, start)';
  }
}

/** Applies a lifecycle event, lets it settle, and checks the server answers again. */
export async function applyLifecycle(
  runtime: ContainerRuntime,
  live: LiveContainer,
  target: TargetSpec,
  action: LifecycleAction,
  signal: AbortSignal,
): Promise<{ healthyAfter: boolean; detail: string }> {
  const id = live.current.id;
  let detail: string;
  if (action.kind === 'signal') {
    await runtime.signal(id, action.signal);
    detail = `sent ${action.signal}`;
  } else if (action.kind === 'exec') {
    const { exitCode, output } = await runtime.exec(id, action.cmd, 15_000);
    detail = `exit ${exitCode}${output.trim() ? `: ${output.trim().split('\n')[0]}` : ''}`;
  } else if (action.kind === 'restart') {
    live.beforeRestart?.();
    live.current = await runtime.restart(id, { timeoutSec: target.run.stopTimeoutSec, hard: action.hard ?? false, port: target.port });
    live.afterRestart?.(live.current);
    detail = `${action.hard ? 'killed and started' : 'restarted'}, pid ${live.current.pid}`;
  } else {
    detail = 'waited';
  }
  await sleep(action.settleMs, signal);
  try {
    const { endpoint } = live.current;
    await waitUntilReady({ runtime, id, endpoint, ready: (e) => target.ready(e), timeoutMs: 30_000, signal });
    return { healthyAfter: true, detail };
  } catch (err) {
    if ((err as Error).name === 'InterruptedError') throw err;
    return { healthyAfter: false, detail: `${detail}; ${(err as Error).message}` };
  }
}
