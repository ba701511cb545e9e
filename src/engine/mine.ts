import type { GuidedGenerator, WorkloadGenerator } from '../../generators/types.js';
import type { TargetSpec } from '../../targets/types.js';
import { untilAborted } from '../shared/abort.js';
import type { CleanupStack } from './cleanup.js';
import { systemClock, type Clock } from './clock.js';
import { launchContainer, type LiveContainer } from './container-session.js';
import type { CrashRecord } from './crash.js';
import type { ContainerRuntime, ExitState } from './docker/runtime.js';
import { estimateFromIncidence, withoutKnown, type IncidenceEstimates } from './estimators.js';
import { Explorer, isGuided, type Credit, type Guidance } from './explorer.js';
import { miningProfileJson } from './mining-profile.js';
import { STARTUP_EPOCH, type UnitRecord } from './session.js';
import { shouldStop, type StopReason, type StopRule } from './stop-rule.js';
import { ContainerTrace, type FirstUse } from './tracer/container-trace.js';
import type { Tracer } from './tracer/tracer.js';
import { watchTracer } from './tracer/tracer-watch.js';
import { throwIfAborted } from './wait.js';

export interface MineProgress {
  readonly unitsRun: number;
  readonly syscalls: number;
  readonly sinceLastFindMs: number;
  readonly elapsedMs: number;
  readonly estimates: IncidenceEstimates;
}

/** The stop-rule estimates at one moment, for the curve in the report. */
export interface EstimatePoint {
  readonly ms: number;
  readonly units: number;
  readonly discoveryProbability: number;
  readonly chao2: number;
}

export interface MineInput {
  readonly target: TargetSpec;
  readonly image: string;
  readonly generator: WorkloadGenerator & Pick<GuidedGenerator, 'prepare'>;
  readonly guidance: Guidance;
  readonly seed: number;
  readonly holdoutShare: number;
  /** The stop rule; a missing minUnits is derived from the families once the generator is prepared. */
  readonly rule: Omit<StopRule, 'minUnits'> & { readonly minUnits?: number };
  readonly minUnitsFor: (families: readonly string[]) => number;
  readonly unitTimeoutMs: number;
}

export interface MineDeps {
  readonly runtime: ContainerRuntime;
  readonly tracer: Tracer;
  readonly cleanup: CleanupStack;
  readonly signal: AbortSignal;
  readonly onProgress?: (p: MineProgress) => void;
  /** Saves a crash's reproducer (crashes/<n>.json) before the container is restarted; resolves with where. */
  readonly onCrash?: (crash: CrashRecord) => Promise<string | undefined>;
  /** Decides the budget, readiness deadlines and settle times (the system clock when absent). */
  readonly clock?: Clock;
}

export interface MiningResult {
  readonly startedAt: Date;
  readonly endedAt: Date;
  readonly stopReason: StopReason;
  readonly guided: boolean;
  readonly records: readonly UnitRecord[];
  /** Units held out of mining, for the false-positive estimate. */
  readonly holdout: readonly UnitRecord[];
  /** First epoch of the graceful stop (after the last unit). */
  readonly stopEpoch: number;
  /** First uses with time in ms since the container was started. */
  readonly firstUses: ReadonlyArray<FirstUse & { readonly ms: number }>;
  /** Confirmation verdicts of first uses made during units (guided runs). */
  readonly credits: ReadonlyMap<string, Credit>;
  readonly trace: ContainerTrace;
  readonly estimates: IncidenceEstimates;
  readonly estimateCurve: readonly EstimatePoint[];
  readonly exit: ExitState;
  readonly miningMs: number;
  /** When mining started, in ms after the container was started. */
  readonly miningStartMs: number;
  /** The stop rule as applied (minUnits filled in). */
  readonly rule: StopRule;
  /** Every time the server died while mining; it was restarted each time and mining went on. */
  readonly crashes: readonly CrashRecord[];
}

/**
 * For a target that names no lifecycle: the reload and log-reopen signals its main process has
 * handlers for, as optional actions (a server that does not survive one is restarted and the
 * signal dropped). Operators send them; a profile that never saw them would break a reload.
 */
async function withCaughtSignals(target: TargetSpec, runtime: ContainerRuntime, pid: number, signal: AbortSignal): Promise<TargetSpec> {
  if (!target.probeSignals) return target;
  const caught = await untilAborted(
    runtime.caughtSignals(pid).catch(() => []),
    signal,
  );
  const probes = caught.map((signal) => ({
    kind: 'signal' as const,
    name: `${signal} (the server catches it)`,
    signal,
    settleMs: 1_000,
    optional: true,
  }));
  return probes.length === 0 ? target : { ...target, lifecycle: [...target.lifecycle, ...probes] };
}

/**
 * Syscalls used outside the workload units (start-up, lifecycle actions, crash restarts, the
 * syncs between steps): known to the profile whatever the units do. A workload unit's replay
 * belongs to that unit and is left out.
 */
export function knownOutsideUnits(trace: Pick<ContainerTrace, 'epochs' | 'epochSet'>, records: readonly UnitRecord[]): Set<string> {
  const workload = new Set(records.filter((r) => r.kind === 'workload').map((r) => r.epoch));
  const known = new Set<string>();
  for (const epoch of trace.epochs()) {
    if (workload.has(epoch)) continue;
    for (const key of trace.epochSet(epoch)) known.add(key);
  }
  return known;
}

/**
 * What the workload stratum's estimates leave out: what steps outside the units used, and finds
 * their unit's replay did not make again. Those are background work (timers, a save's child) or
 * state the unit changed once (a thread it stopped, which the next unit cannot stop again): no
 * evidence of what a further unit reaches, which is what Good-Turing estimates from singletons.
 * The lifecycle checklist gives them their own look (session.ts, LifecycleChecklist.reopen).
 */
function knownToWorkload(trace: ContainerTrace, explorer: Explorer): Set<string> {
  const known = knownOutsideUnits(trace, explorer.records);
  for (const [key, credit] of explorer.credits) if (!credit.confirmed) known.add(key);
  return known;
}

/**
 * Mines one container: traces it from start to graceful stop while the explorer runs units and
 * lifecycle events, until the stop rule says saturated or the budget ends. The tracer must
 * already run (the caller starts and stops it).
 */
export async function mine(input: MineInput, deps: MineDeps): Promise<MiningResult> {
  const { target } = input;
  const { runtime, tracer, signal } = deps;
  const clock = deps.clock ?? systemClock;
  const nowNs = (): bigint => clock.nowNs();
  const watch = watchTracer(tracer, 'mining');
  const assertTracerAlive = (): void => watch.assertAlive();

  let lastFindNs = 0n;
  let explorer: Explorer | undefined;
  const trace = new ContainerTrace((use) => {
    lastFindNs = nowNs();
    explorer?.noteFind(use.epoch);
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
    clock,
  });
  trace.select(container.mntns);
  assertTracerAlive();

  const live: LiveContainer = {
    current: container,
    beforeRestart: () => trace.holdUntilSelect(),
    afterRestart: (c) => trace.select(c.mntns),
  };
  // What the generator learns from the running server (a grammar, a catalog, an OpenAPI
  // description, crawled links) decides its families: learn it before the explorer plans them.
  if (input.generator.prepare) await untilAborted(input.generator.prepare(live.current.endpoint, { timeoutMs: input.unitTimeoutMs }), signal);
  const families = isGuided(input.generator) ? input.generator.families : [];
  const explored = await withCaughtSignals(target, runtime, container.pid, signal);
  const rule: StopRule = { ...input.rule, minUnits: input.rule.minUnits ?? input.minUnitsFor(families) };
  const miningStart = nowNs();
  const msSince = (ns: bigint): number => Number(nowNs() - ns) / 1e6;
  explorer = new Explorer(
    {
      target: explored,
      generator: input.generator,
      guidance: input.guidance,
      seed: input.seed,
      holdoutShare: input.holdoutShare,
      unitTimeoutMs: input.unitTimeoutMs,
      runtime,
      tracer,
      trace,
      live,
      signal,
      clockMs: () => msSince(miningStart),
      clock,
      ...(deps.onCrash ? { onCrash: deps.onCrash } : {}),
    },
    STARTUP_EPOCH + 1,
  );

  const estimateCurve: EstimatePoint[] = [];
  let estimates = estimateFromIncidence(new Map(), 0);
  let stopReason: StopReason | null = null;
  while (stopReason === null) {
    throwIfAborted(signal);
    assertTracerAlive();
    // A unit waits for the server up to its timeout: an interrupt must not.
    await untilAborted(explorer.step(), signal);
    // The workload stratum: its units, and what they used that no other step did (estimators.ts).
    const { incidence, units } = trace.sampleIncidence();
    estimates = estimateFromIncidence(withoutKnown(incidence, knownToWorkload(trace, explorer)), units);
    const elapsedMs = msSince(miningStart);
    if (estimateCurve.length === 0 || estimateCurve.at(-1)!.units !== units) {
      estimateCurve.push({ ms: elapsedMs, units, discoveryProbability: estimates.discoveryProbability, chao2: estimates.chao2 });
    }
    const sinceLastFindMs = lastFindNs > miningStart ? Number(nowNs() - lastFindNs) / 1e6 : elapsedMs;
    deps.onProgress?.({ unitsRun: explorer.samples, syscalls: trace.size, sinceLastFindMs, elapsedMs, estimates });
    stopReason = shouldStop(rule, {
      elapsedMs,
      estimates,
      lifecyclePending: explorer.lifecyclePending,
      unconfirmed: explorer.unconfirmed,
    });
  }
  const miningMs = msSince(miningStart);

  // The graceful stop belongs to the profile: it gets its own epoch, and the tracer is synced
  // after the container is gone so the shutdown path's lines are all in.
  const stopEpoch = explorer.takeEpoch();
  tracer.mark(stopEpoch);
  // Interrupted during the stop: abandon it, the cleanup stack force-removes the container.
  const exit = await untilAborted(runtime.stop(container.id, target.run.stopTimeoutSec), signal);
  await untilAborted(tracer.sync(explorer.takeEpoch()), signal);
  assertTracerAlive();
  await container.remove();

  const firstUses = trace.firstUses().map((u) => ({ ...u, ms: Math.max(0, Number(u.tsNs - t0) / 1e6) }));
  return {
    startedAt,
    endedAt: new Date(),
    stopReason,
    guided: explorer.guided,
    records: explorer.records,
    holdout: explorer.holdout,
    stopEpoch,
    firstUses,
    credits: explorer.credits,
    trace,
    estimates,
    estimateCurve,
    exit,
    miningMs,
    miningStartMs: Number(miningStart - t0) / 1e6,
    rule,
    crashes: explorer.crashes.crashes,
  };
}
