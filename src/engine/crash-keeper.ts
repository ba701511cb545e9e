import type { TargetSpec } from '../../targets/types.js';
import { DockerError, describeError, EngineUnavailableError, TargetCrashedError, TargetUnhealthyError } from '../shared/errors.js';
import { readyFor, recoverContainer, type LiveContainer } from './container-session.js';
import {
  buildCrashRecord,
  CRASH_LOG_LINES,
  crashNote,
  CrashStreak,
  deadOrHung,
  describeStep,
  judgeHealth,
  type CrashRecord,
  type HealthVerdict,
  type Unhealthy,
} from './crash.js';
import type { Clock } from './clock.js';
import type { ContainerRuntime } from './docker/runtime.js';
import type { UnitRecord } from './session.js';
import { waitUntilReady } from './wait.js';

/** How long a server suspected of hanging gets to answer its readiness check before it counts as crashed. */
const HANG_GRACE_MS = 5_000;

export interface CrashKeeperDeps {
  readonly runtime: ContainerRuntime;
  readonly live: LiveContainer;
  readonly target: TargetSpec;
  readonly signal: AbortSignal;
  /** Milliseconds since mining started. */
  readonly clockMs: () => number;
  /** Takes a fresh epoch and marks it in the tracer: the restart after a crash runs in it. */
  readonly newEpoch: () => number;
  /** Saves a crash (crashes/<n>.json) before the restart; resolves with where it went. */
  readonly onCrash?: (crash: CrashRecord) => Promise<string | undefined>;
  /** Crashes in a row that stop mining (MAX_CRASHES_IN_A_ROW when absent). */
  readonly limit?: number;
  /** Readiness deadlines (the system clock when absent). */
  readonly clock?: Clock;
}

const isInterrupt = (err: unknown): boolean => (err as Error | undefined)?.name === 'InterruptedError';

/** The container a health check looks at, and how to reach it. */
export type HealthScope = Pick<CrashKeeperDeps, 'runtime' | 'live' | 'target' | 'signal' | 'clock'>;

/**
 * Whether the server survived the step that just ran. Asking the engine costs a few ms; the
 * readiness check costs a request, so it is asked only of a step suspected of hanging it.
 */
export async function checkHealth(scope: HealthScope, suspectHang: boolean): Promise<HealthVerdict> {
  const { runtime, live } = scope;
  const state = await runtime.state(live.current.id);
  if (!state.running || !suspectHang) return judgeHealth(state);
  const detail = await unanswered(scope);
  // The check may have seen it exit: the verdict reads the state again.
  return detail === undefined ? judgeHealth(state) : judgeHealth(await runtime.state(live.current.id), detail);
}

/**
 * A lifecycle action that threw (a signal or exec to a container that is gone): an unhealthy
 * step if the container is no longer running; any other failure is the engine's and is thrown on.
 */
export async function actionFailure(scope: Pick<HealthScope, 'runtime' | 'live'>, err: unknown): Promise<{ healthyAfter: false; detail: string }> {
  if (isInterrupt(err)) throw err;
  const state = await scope.runtime.state(scope.live.current.id).catch(() => undefined);
  if (!state || state.running) throw err;
  return { healthyAfter: false, detail: describeError(err) };
}

/** Why the server does not answer within the grace time, or undefined when it does. */
async function unanswered(scope: HealthScope): Promise<string | undefined> {
  const { runtime, live, target, signal, clock } = scope;
  const { id, endpoint } = live.current;
  try {
    await waitUntilReady({
      runtime,
      id,
      endpoint,
      ready: readyFor(runtime, target, id),
      timeoutMs: HANG_GRACE_MS,
      signal,
      ...(clock ? { clock } : {}),
    });
    return undefined;
  } catch (err) {
    if (!(err instanceof TargetUnhealthyError)) throw err;
    return err.message;
  }
}

/**
 * The mining session's crash bookkeeping: finds out after each step whether the server survived,
 * saves the step of a crash as a reproducer, restarts the container (the tracer follows it into
 * its new namespace, the dead one's syscalls stay counted), and stops mining with a
 * TargetCrashedError after too many crashes in a row or a restart that does not become healthy.
 */
export class CrashKeeper {
  readonly crashes: CrashRecord[] = [];
  private readonly files = new Map<number, string>();
  private readonly streak: CrashStreak;
  private readonly perFamily = new Map<string, number>();

  constructor(private readonly deps: CrashKeeperDeps) {
    this.streak = new CrashStreak(deps.limit);
  }

  /** The number the next crash will get. */
  get next(): number {
    return this.crashes.length + 1;
  }

  /** How often steps of a family crashed the server. */
  countFor(family: string): number {
    return this.perFamily.get(family) ?? 0;
  }

  /** Whether the server survived the step that just ran (checkHealth). */
  check(suspectHang: boolean): Promise<HealthVerdict> {
    return checkHealth(this.deps, suspectHang);
  }

  /** The verdict on a lifecycle step that ended unhealthy: dead, or alive and not answering. */
  async afterUnhealthy(detail: string): Promise<Unhealthy> {
    return deadOrHung(await this.deps.runtime.state(this.deps.live.current.id), detail);
  }

  /** A lifecycle action that threw: unhealthy if the container is gone, else thrown on (actionFailure). */
  actionFailed(err: unknown): Promise<{ healthyAfter: false; detail: string }> {
    return actionFailure(this.deps, err);
  }

  /** The server survived a step: the streak of crashes in a row ends. */
  healthy(): void {
    this.streak.healthy();
  }

  /** Saves the crash of `step`, then restarts the container, or stops mining. */
  async recover(step: UnitRecord, verdict: Unhealthy): Promise<CrashRecord> {
    const { runtime, live, target, signal } = this.deps;
    const logs = await runtime.logs(live.current.id, CRASH_LOG_LINES).catch(() => '');
    const crash = buildCrashRecord({ n: this.next, step, verdict, logs, atMs: this.deps.clockMs(), restartEpoch: this.deps.newEpoch() });
    this.crashes.push(crash);
    this.perFamily.set(step.family, this.countFor(step.family) + 1);
    const file = await this.deps.onCrash?.(crash);
    if (file) this.files.set(crash.n, file);
    const line = `${describeStep(step)}: ${crash.reason}`;
    if (this.streak.crashed()) {
      throw new TargetCrashedError(
        `${target.name} crashed ${this.streak.count} times in a row (last: ${line}): stopped mining before the profile was complete${this.where()}`,
        this.notes(),
      );
    }
    try {
      await recoverContainer(runtime, live, target, signal, this.deps.clock);
    } catch (err) {
      if (isInterrupt(err)) throw err;
      // The engine, not the server, failed: a restarting engine stops every container first,
      // which looks like a crash from here. Say so rather than blame the step.
      if (err instanceof DockerError || err instanceof EngineUnavailableError) {
        const Engine = err instanceof DockerError ? DockerError : EngineUnavailableError;
        throw new Engine(
          `the Docker engine failed while restarting ${target.name} after it stopped (${line}): ${describeError(err)}; if the engine was restarted, it stopped the container, not the step${this.where()}`,
          { cause: err },
        );
      }
      throw new TargetCrashedError(
        `${target.name} crashed (${line}) and did not come back healthy after a restart: ${describeError(err)}${this.where()}`,
        this.notes(),
        { cause: err },
      );
    }
    return crash;
  }

  private notes() {
    return this.crashes.map((c) => crashNote(c, this.files.get(c.n)));
  }

  /** '; reproducers in DIR/crashes/' when the crashes were saved. */
  private where(): string {
    const first = this.files.values().next().value;
    return first === undefined ? '' : `; reproducers saved in ${first.replace(/[^/]*$/, '')}`;
  }
}
