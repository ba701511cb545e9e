import type { Endpoint, WorkloadGenerator } from '../../generators/types.js';
import type { TargetSpec } from '../../targets/types.js';
import { TargetUnhealthyError, TracerError } from '../errors.js';
import type { CleanupStack } from './cleanup.js';
import { applyLifecycle, launchContainer } from './container-session.js';
import type { ContainerRuntime, ExitState } from './docker/runtime.js';
import { miningProfileJson } from './mining-profile.js';
import { lifecycleAt, STARTUP_EPOCH, type UnitRecord } from './session.js';
import { shouldStop, type PlateauRule, type StopReason } from './stop-rule.js';
import { ContainerTrace, type FirstUse } from './tracer/container-trace.js';
import type { Tracer } from './tracer/tracer.js';
import { throwIfAborted } from './wait.js';

export interface MineProgress {
  readonly unitsRun: number;
  readonly syscalls: number;
  readonly sinceLastFindMs: number;
  readonly elapsedMs: number;
}

export interface MineInput {
  readonly target: TargetSpec;
  readonly image: string;
  readonly generator: WorkloadGenerator;
  readonly seed: number;
  readonly rule: PlateauRule;
  readonly unitTimeoutMs: number;
}

export interface MineDeps {
  readonly runtime: ContainerRuntime;
  readonly tracer: Tracer;
  readonly cleanup: CleanupStack;
  readonly signal: AbortSignal;
  readonly onProgress?: (p: MineProgress) => void;
}

export interface MiningResult {
  readonly startedAt: Date;
  readonly endedAt: Date;
  readonly stopReason: Exclude<StopReason, 'interrupted'>;
  readonly records: readonly UnitRecord[];
  /** Epoch of the graceful stop (after the last unit). */
  readonly stopEpoch: number;
  /** First uses with time in ms since the container was started. */
  readonly firstUses: ReadonlyArray<FirstUse & { readonly ms: number }>;
  readonly trace: ContainerTrace;
  readonly exit: ExitState;
  readonly miningMs: number;
}

function nowNs(): bigint {
  return process.hrtime.bigint();
}

/**
 * Mines one container: traces it from start to graceful stop while workload units and lifecycle
 * events run, until the plateau rule says stop. The tracer must already run (started by the caller).
 */
export async function mine(input: MineInput, deps: MineDeps): Promise<MiningResult> {
  const { target, generator, rule } = input;
  const { runtime, tracer, signal } = deps;
  let died: string | undefined;
  tracer.onDeath((reason) => (died = reason));
  const assertTracerAlive = (): void => {
    if (died) throw new TracerError(`tracer died while mining: ${died}`);
  };

  let lastFindNs = 0n;
  let lastFindUnit = 0;
  let currentIndex = 0;
  const trace = new ContainerTrace(() => {
    lastFindNs = nowNs();
    lastFindUnit = currentIndex;
  });
  tracer.onLine((line) => trace.push(line));

  const startedAt = new Date();
  let t0 = nowNs();
  tracer.mark(STARTUP_EPOCH);
  const container = await launchContainer({
    runtime,
    cleanup: deps.cleanup,
    target,
    image: input.image,
    seccompProfile: miningProfileJson(),
    purpose: 'mine',
    signal,
    beforeStart: () => (t0 = nowNs()),
  });
  trace.select(container.mntns);
  assertTracerAlive();

  const records: UnitRecord[] = [];
  const units = generator.units(input.seed);
  const miningStart = nowNs();
  const msSince = (ns: bigint): number => Number(nowNs() - ns) / 1e6;
  const pendingLifecycle = new Set(target.lifecycle.map((a) => a.name));
  let stopReason: StopReason | null = null;

  while (stopReason === null) {
    throwIfAborted(signal);
    assertTracerAlive();
    const index = records.length + 1;
    currentIndex = index;
    tracer.mark(index);
    const startedMs = msSince(miningStart);
    const action = lifecycleAt(index, target.lifecycle);
    if (action) {
      const { healthyAfter, detail } = await applyLifecycle(runtime, container, target, action, signal);
      pendingLifecycle.delete(action.name);
      records.push({
        kind: 'lifecycle', index, action, family: `lifecycle:${action.name}`,
        description: action.kind === 'signal' ? `signal ${action.signal}` : `exec ${action.cmd.join(' ')}`,
        startedMs, durationMs: msSince(miningStart) - startedMs, healthyAfter, detail,
      });
      if (!healthyAfter) throw new TargetUnhealthyError(`${target.name} did not recover from ${action.name}: ${detail}`);
    } else {
      const unit = units.next().value;
      const endpoint: Endpoint = container.endpoint;
      const { answers } = await generator.execute(unit, endpoint, { timeoutMs: input.unitTimeoutMs });
      records.push({
        kind: 'workload', index, generator: generator.name, unit, answers,
        family: generator.family(unit), description: generator.describe(unit),
        startedMs, durationMs: msSince(miningStart) - startedMs,
      });
    }
    const elapsedMs = msSince(miningStart);
    const lastFindMs = lastFindNs > miningStart ? Number(lastFindNs - miningStart) / 1e6 : 0;
    deps.onProgress?.({ unitsRun: index, syscalls: trace.size, sinceLastFindMs: elapsedMs - lastFindMs, elapsedMs });
    stopReason = shouldStop(rule, {
      elapsedMs, unitsRun: index, lastFindMs, lastFindUnit, lifecyclePending: pendingLifecycle.size,
    });
  }
  const miningMs = msSince(miningStart);

  // The graceful stop belongs to the profile: it gets its own epoch, and the tracer is synced
  // after the container is gone so the shutdown path's lines are all in.
  const stopEpoch = records.length + 1;
  currentIndex = stopEpoch;
  tracer.mark(stopEpoch);
  const exit = await runtime.stop(container.id, target.run.stopTimeoutSec);
  await tracer.sync(stopEpoch + 1);
  assertTracerAlive();
  await container.remove();

  const firstUses = trace.firstUses().map((u) => ({ ...u, ms: Math.max(0, Number(u.tsNs - t0) / 1e6) }));
  return {
    startedAt, endedAt: new Date(), stopReason: stopReason as Exclude<StopReason, 'interrupted'>,
    records, stopEpoch, firstUses, trace, exit, miningMs,
  };
}
