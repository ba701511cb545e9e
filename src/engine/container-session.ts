import { hostCommandAnswer, runHostCommand, serviceEnvironment } from '../../generators/_shared/host-command.js';
import { PROTOCOLS } from '../../targets/protocols.js';
import { describeProbe, readyCheck } from '../../targets/ready/check.js';
import { untilAborted } from '../shared/abort.js';
import { TargetUnhealthyError } from '../shared/errors.js';
import type { LifecycleAction, ReadyCheck, TargetSpec } from '../../targets/types.js';
import type { CleanupStack } from './cleanup.js';
import { systemClock, type Clock } from './clock.js';
import type { ContainerRuntime, ContainerSpec, StartedContainer } from './docker/runtime.js';
import { waitUntilReady } from './wait.js';

/** An exec probe gets this long per try; the readiness timeout bounds all tries together. */
const EXEC_PROBE_TIMEOUT_MS = 10_000;

/** The target's readiness check, bound to a container (exec probes run inside it). */
export function readyFor(runtime: ContainerRuntime, target: TargetSpec, id: string): (e: StartedContainer['endpoint']) => Promise<boolean> {
  const check: ReadyCheck = readyCheck(target.ready.probe, target.protocol, target.run.environment);
  const exec = async (cmd: readonly string[]): Promise<number> => (await runtime.exec(id, cmd, EXEC_PROBE_TIMEOUT_MS)).exitCode;
  return (endpoint) => check(endpoint, exec);
}

/** What was waited for, and a hint when the port is not one the image exposes. */
function readinessContext(target: TargetSpec): string {
  const exposed = target.exposedTcpPorts ?? [];
  const hint =
    exposed.length > 0 && !exposed.includes(target.port)
      ? `; the image EXPOSEs ${exposed.join(' ')}, not ${target.port}: is --port/port: right?`
      : '';
  return `probe: ${describeProbe(target.ready.probe)} on container port ${target.port}/${target.protocol}${hint}`;
}

/** The container settings a target asks for: compose's, mapped onto the engine's. */
export function containerSettings(target: TargetSpec): Omit<ContainerSpec, 'image' | 'name' | 'seccompProfile' | 'labels'> {
  const r = target.run;
  return {
    port: target.port,
    ...(r.shmSizeBytes ? { shmSizeBytes: r.shmSizeBytes } : {}),
    ...(r.command ? { cmd: r.command } : {}),
    ...(r.entrypoint ? { entrypoint: r.entrypoint } : {}),
    ...(Object.keys(r.environment).length > 0 ? { env: r.environment } : {}),
    ...(r.user !== undefined ? { user: r.user } : {}),
    ...(r.workingDir !== undefined ? { workingDir: r.workingDir } : {}),
    ...(Object.keys(r.tmpfs).length > 0 ? { tmpfs: r.tmpfs } : {}),
    ...(r.readOnly ? { readOnly: true } : {}),
    ...(r.stopSignal !== undefined ? { stopSignal: r.stopSignal } : {}),
  };
}

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
  /** Cap its CPU time (benchmarks keep the server, not the load generator, the bottleneck). */
  readonly cpuLimit?: number;
  /** Decides the readiness deadline (the system clock when absent). */
  readonly clock?: Clock;
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
    ...containerSettings(target),
    image: args.image,
    name,
    seccompProfile: args.seccompProfile,
    ...(args.cpusetCpus ? { cpusetCpus: args.cpusetCpus } : {}),
    ...(args.cpuLimit ? { cpuLimit: args.cpuLimit } : {}),
    labels: { [LABEL]: args.purpose, [OWNER_PID_LABEL]: String(process.pid) },
  });
  // Registered before it starts: from here on, every exit path removes it.
  const remove = args.cleanup.defer(`remove container ${name}`, () => runtime.remove(id));
  args.beforeStart?.();
  const started = await untilAborted(runtime.start(id, target.port), args.signal);
  try {
    await waitUntilReady({
      runtime,
      id,
      endpoint: started.endpoint,
      ready: readyFor(runtime, target, id),
      timeoutMs: args.readyTimeoutMs ?? target.ready.timeoutMs,
      signal: args.signal,
      ...(args.clock ? { clock: args.clock } : {}),
    });
  } catch (err) {
    if (!(err instanceof TargetUnhealthyError)) throw err;
    throw new TargetUnhealthyError(`${target.name}: ${err.message} (${readinessContext(target)})`, { cause: err });
  }
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
    case 'host':
      return `host ${action.cmd.join(' ')}`;
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
  clock: Clock = systemClock,
): Promise<{ healthyAfter: boolean; detail: string; outcome?: string }> {
  const id = live.current.id;
  let detail: string;
  // How a command action ended: replayed under the profile, it must end the same way.
  let outcome: string | undefined;
  if (action.kind === 'signal') {
    await untilAborted(runtime.signal(id, action.signal), signal);
    detail = `sent ${action.signal}`;
  } else if (action.kind === 'exec') {
    const { exitCode, output } = await untilAborted(runtime.exec(id, action.cmd, action.timeoutMs ?? 15_000), signal);
    outcome = `exit ${exitCode}`;
    detail = `exit ${exitCode}${output.trim() ? `: ${output.trim().split('\n')[0]}` : ''}`;
  } else if (action.kind === 'host') {
    const env = serviceEnvironment(live.current.endpoint, PROTOCOLS[target.protocol].scheme);
    const result = await runHostCommand(action.cmd, { cwd: action.cwd, env, timeoutMs: action.timeoutMs ?? 60_000, signal });
    outcome = hostCommandAnswer(result);
    detail = `${hostCommandAnswer(result)}${result.spawnError ? `: ${result.spawnError}` : result.tail ? `: ${result.tail.split('\n').pop()}` : ''}`;
  } else if (action.kind === 'restart') {
    live.beforeRestart?.();
    live.current = await untilAborted(
      runtime.restart(id, { timeoutSec: target.run.stopTimeoutSec, hard: action.hard ?? false, port: target.port }),
      signal,
    );
    live.afterRestart?.(live.current);
    detail = `${action.hard ? 'killed and started' : 'restarted'}, pid ${live.current.pid}`;
  } else {
    detail = 'waited';
  }
  await clock.sleep(action.settleMs, signal);
  try {
    const { endpoint } = live.current;
    await waitUntilReady({
      runtime,
      id,
      endpoint,
      ready: readyFor(runtime, target, id),
      timeoutMs: Math.max(30_000, target.ready.timeoutMs),
      signal,
      clock,
    });
    return { healthyAfter: true, detail, ...(outcome ? { outcome } : {}) };
  } catch (err) {
    if ((err as Error).name === 'InterruptedError') throw err;
    return { healthyAfter: false, detail: `${detail}; ${(err as Error).message}`, ...(outcome ? { outcome } : {}) };
  }
}

/**
 * Brings a container that died (or stopped answering) back: started again if it exited, killed
 * and started if it hangs. The tracer follows it into its new namespace. Throws when even a fresh
 * start does not become ready.
 */
export async function recoverContainer(
  runtime: ContainerRuntime,
  live: LiveContainer,
  target: TargetSpec,
  signal: AbortSignal,
  clock: Clock = systemClock,
): Promise<void> {
  const id = live.current.id;
  live.beforeRestart?.();
  const state = await untilAborted(runtime.state(id), signal);
  live.current = await untilAborted(
    state.running ? runtime.restart(id, { timeoutSec: target.run.stopTimeoutSec, hard: true, port: target.port }) : runtime.start(id, target.port),
    signal,
  );
  live.afterRestart?.(live.current);
  await waitUntilReady({
    runtime,
    id,
    endpoint: live.current.endpoint,
    ready: readyFor(runtime, target, id),
    timeoutMs: target.ready.timeoutMs,
    signal,
    clock,
  });
}
