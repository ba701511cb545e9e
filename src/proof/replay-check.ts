import type { WorkloadGenerator } from '../../generators/types.js';
import type { TargetSpec } from '../../targets/types.js';
import { allowedSyscalls } from '../profile/diff.js';
import { evaluateRecorded } from '../profile/evaluate.js';
import { isPermissive, type SeccompProfile } from '../profile/seccomp.js';
import { describeCall } from '../syscalls/arg-names.js';
import { syscallName } from '../syscalls/index.js';
import { untilAborted } from '../shared/abort.js';
import type { CleanupStack } from '../engine/cleanup.js';
import type { Clock } from '../engine/clock.js';
import { applyLifecycle, launchContainer, type LaunchedContainer, type LiveContainer } from '../engine/container-session.js';
import type { ContainerRuntime } from '../engine/docker/runtime.js';
import { miningProfileJson } from '../engine/mining-profile.js';
import { observeContainer } from '../engine/observe.js';
import type { UnitRecord } from '../engine/session.js';
import { type ArgumentUse, type ContainerTrace, recordedValues } from '../engine/tracer/container-trace.js';
import type { Tracer } from '../engine/tracer/tracer.js';
import { throwIfAborted } from '../engine/wait.js';

export interface EnforcementMismatch {
  readonly index: number;
  readonly description: string;
  readonly expected: string;
  readonly actual: string;
}

/** A syscall (or argument value) the container made in the reference run that the profile does not allow. */
export interface BlockedSyscall {
  /** abi:name, e.g. 'x86_64:truncate'. */
  readonly syscall: string;
  /** For a call allowed by name but refused for its arguments: the call, e.g. 'socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE)'. */
  readonly argument?: string;
  /** ...and its recorded values (tracer order), so they can be added to the profile. */
  readonly values?: readonly number[];
  /** What made it first: 'startup', 'shutdown' or 'unit N (description)'. */
  readonly madeBy: string;
  /** Index of the replayed step that made it, when a step did. */
  readonly unit?: number;
}

export interface EnforcementResult {
  readonly ok: boolean;
  readonly replayed: number;
  /** Syscalls the relaxed replay made that the profile does not allow. */
  readonly wouldBlock: readonly BlockedSyscall[];
  readonly mismatches: readonly EnforcementMismatch[];
  /** Lifecycle steps after which the server did not answer again (run: which run it was). */
  readonly unhealthy: ReadonlyArray<{ index: number; run: 'reference' | 'enforced'; detail: string }>;
  /** Why the container did not even start under the profile, if it did not. */
  readonly startFailure?: string;
  readonly exitCode: number;
  /** One line per problem, empty when ok. */
  readonly problems: readonly string[];
}

type Findings = Omit<EnforcementResult, 'ok' | 'problems'>;

function conclude(f: Findings, describe: (index: number) => string): EnforcementResult {
  // Blocked syscalls first: they are the cause, a failed start or a differing answer the effect.
  const problems = [
    ...f.wouldBlock.map((b) => `the profile would block ${b.argument ?? b.syscall}, made by ${b.madeBy}`),
    ...(f.startFailure ? [`did not start under the profile: ${f.startFailure}`] : []),
    ...f.unhealthy.map((u) => `${u.run} run: unit ${u.index} (${describe(u.index)}): not healthy afterwards: ${u.detail}`),
    ...f.mismatches.map((m) => `unit ${m.index} (${m.description}): answered '${m.actual}' under the profile, '${m.expected}' without it`),
    ...(f.exitCode !== 0 && !f.startFailure ? [`graceful stop ended with exit code ${f.exitCode}`] : []),
  ];
  return { ...f, ok: problems.length === 0, problems };
}

/**
 * The verdict on some of the replayed steps only (the kept units, say, when held-out units were
 * replayed in the same runs): their own blocked syscalls, answers and lifecycle, plus what
 * belongs to no step (start-up, shutdown, the exit code).
 */
export function restrictTo(result: EnforcementResult, steps: readonly UnitRecord[]): EnforcementResult {
  const indices = new Set(steps.map((s) => s.index));
  const byIndex = new Map(steps.map((s) => [s.index, s.description]));
  return conclude(
    {
      ...result,
      replayed: steps.length,
      wouldBlock: result.wouldBlock.filter((b) => b.unit === undefined || indices.has(b.unit)),
      mismatches: result.mismatches.filter((m) => indices.has(m.index)),
      unhealthy: result.unhealthy.filter((u) => indices.has(u.index)),
    },
    (i) => byIndex.get(i) ?? '',
  );
}

interface ReplayArgs {
  readonly target: TargetSpec;
  readonly image: string;
  readonly generator: WorkloadGenerator;
  readonly units: readonly UnitRecord[];
  readonly unitTimeoutMs: number;
}

interface ReplayDeps {
  readonly runtime: ContainerRuntime;
  readonly cleanup: CleanupStack;
  readonly signal: AbortSignal;
  /** Settle times and readiness deadlines (the system clock when absent). */
  readonly clock?: Clock;
}

/** Replays recorded steps in order against a running container; returns answers and lifecycle problems. */
async function replay(
  args: ReplayArgs,
  deps: ReplayDeps,
  live: LiveContainer,
  startEpoch?: () => number,
): Promise<{ answers: string[][]; unhealthy: Array<{ index: number; detail: string }> }> {
  const answers: string[][] = [];
  const unhealthy: Array<{ index: number; detail: string }> = [];
  for (const record of args.units) {
    throwIfAborted(deps.signal);
    startEpoch?.();
    if (record.kind === 'lifecycle') {
      const { healthyAfter, detail, outcome } = await applyLifecycle(deps.runtime, live, args.target, record.action, deps.signal, deps.clock);
      if (!healthyAfter) unhealthy.push({ index: record.index, detail });
      answers.push([healthyAfter ? 'healthy' : 'unhealthy', ...(outcome ? [outcome] : [])]);
    } else {
      const r = await untilAborted(args.generator.execute(record.unit, live.current.endpoint, { timeoutMs: args.unitTimeoutMs }), deps.signal);
      answers.push([...r.answers]);
    }
  }
  return { answers, unhealthy };
}

/** Which step of a replay made an epoch's calls: epoch i (1-based) is the i-th replayed step, 0 is start-up. */
function makerOf(epoch: number, stopEpoch: number, units: readonly UnitRecord[]): Pick<BlockedSyscall, 'madeBy' | 'unit'> {
  const step = units[epoch - 1];
  if (epoch === 0) return { madeBy: 'startup' };
  if (epoch >= stopEpoch || !step) return { madeBy: 'shutdown' };
  return { madeBy: `unit ${step.index} (${step.description})`, unit: step.index };
}

/**
 * What the relaxed reference run did that the profile refuses: syscalls it does not allow at all
 * (first use each), then calls it allows by name but not with the arguments seen at sys_enter
 * (each step that made them, so held-out units can be credited).
 */
function blockedIn(observed: { trace: ContainerTrace; stopEpoch: number }, profile: SeccompProfile, units: readonly UnitRecord[]): BlockedSyscall[] {
  const blocked: BlockedSyscall[] = [];
  for (const use of observed.trace.firstUses()) {
    const name = syscallName(use.abi, use.nr);
    if (name !== undefined && allowedSyscalls(profile, use.abi).includes(name)) continue;
    blocked.push({ syscall: `${use.abi}:${name ?? use.nr}`, ...makerOf(use.epoch, observed.stopEpoch, units) });
  }
  for (const { use, values, argument } of refusedArguments(observed.trace.argumentUses(), profile)) {
    const makers = new Map<string, Pick<BlockedSyscall, 'madeBy' | 'unit'>>();
    for (const epoch of use.epochs) {
      const maker = makerOf(epoch, observed.stopEpoch, units);
      makers.set(maker.madeBy, maker);
    }
    for (const maker of makers.values()) blocked.push({ syscall: `x86_64:${use.syscall}`, argument, values, ...maker });
  }
  return blocked;
}

/**
 * The recorded calls a profile allows by name but refuses for their arguments (native ABI only:
 * the tracer records native arguments). A name refused outright is not listed: callers report
 * it as a syscall.
 */
export function refusedArguments(uses: readonly ArgumentUse[], profile: SeccompProfile): { use: ArgumentUse; values: number[]; argument: string }[] {
  const allowedNative = new Set(allowedSyscalls(profile, 'x86_64'));
  return uses.flatMap((use) => {
    if (!allowedNative.has(use.syscall)) return [];
    const values = recordedValues(use);
    const verdict = evaluateRecorded(profile, 'x86_64', use.syscall, values);
    if (verdict.action === 'unknown' || isPermissive(verdict.action)) return [];
    return [{ use, values, argument: describeCall(use.syscall, values) }];
  });
}

/**
 * Proves a profile on recorded steps, twice from a fresh container each time: first under the
 * relaxed mining profile while tracing (the reference: what the container answers, and which of
 * its syscalls the profile would block), then under the profile enforced. Both must answer the
 * same, nothing may be blocked, and the enforced container must stop cleanly with exit code 0.
 * The reference run, not mining, gives the expected answers: replaying a subset of a session
 * from a fresh server can legitimately answer differently from the full session.
 */
export async function checkEnforcement(
  args: ReplayArgs & { readonly profile: SeccompProfile; readonly profileJson: string },
  deps: ReplayDeps & { readonly createTracer: () => Tracer },
): Promise<EnforcementResult> {
  const unhealthy: Array<{ index: number; run: 'reference' | 'enforced'; detail: string }> = [];
  const describe = (i: number): string => args.units.find((u) => u.index === i)?.description ?? '';
  const tracer = deps.createTracer();
  const stopTracer = deps.cleanup.defer('stop replay tracer', () => tracer.stop());
  await untilAborted(tracer.start(), deps.signal);
  let reference: string[][] = [];
  const observed = await observeContainer(
    {
      target: args.target,
      image: args.image,
      profileJson: miningProfileJson(),
      purpose: 'reference',
      drive: async (live, startEpoch) => {
        const r = await replay(args, deps, live, startEpoch);
        reference = r.answers;
        unhealthy.push(...r.unhealthy.map((u) => ({ ...u, run: 'reference' as const })));
      },
    },
    { runtime: deps.runtime, tracer, cleanup: deps.cleanup, signal: deps.signal, ...(deps.clock ? { clock: deps.clock } : {}) },
  );
  await stopTracer();

  const wouldBlock = blockedIn(observed, args.profile, args.units);
  let enforced: LaunchedContainer;
  try {
    enforced = await launchContainer({
      runtime: deps.runtime,
      cleanup: deps.cleanup,
      target: args.target,
      image: args.image,
      seccompProfile: args.profileJson,
      purpose: 'enforce',
      signal: deps.signal,
      // The reference run started fine: a profile that keeps it from answering shows within seconds.
      readyTimeoutMs: 20_000,
      ...(deps.clock ? { clock: deps.clock } : {}),
    });
  } catch (err) {
    if ((err as Error).name === 'InterruptedError') throw err;
    const startFailure = (err as Error).message;
    return conclude({ replayed: 0, wouldBlock, mismatches: [], unhealthy, startFailure, exitCode: -1 }, describe);
  }
  const actual = await replay(args, deps, { current: enforced });
  unhealthy.push(...actual.unhealthy.map((u) => ({ ...u, run: 'enforced' as const })));
  const mismatches: EnforcementMismatch[] = [];
  args.units.forEach((record, i) => {
    const expected = (reference[i] ?? []).join(' | ');
    const got = (actual.answers[i] ?? []).join(' | ');
    if (expected !== got) mismatches.push({ index: record.index, description: record.description, expected, actual: got });
  });
  const exit = await untilAborted(deps.runtime.stop(enforced.id, args.target.run.stopTimeoutSec), deps.signal);
  await enforced.remove();
  return conclude({ replayed: args.units.length, wouldBlock, mismatches, unhealthy, exitCode: exit.exitCode }, describe);
}
