import type { WorkloadGenerator } from '../../generators/types.js';
import type { TargetSpec } from '../../targets/types.js';
import { allowedSyscalls } from '../profile/diff.js';
import type { SeccompProfile } from '../profile/seccomp.js';
import { syscallName } from '../syscalls/index.js';
import type { CleanupStack } from './cleanup.js';
import { applyLifecycle, launchContainer, type LaunchedContainer, type LiveContainer } from './container-session.js';
import type { ContainerRuntime } from './docker/runtime.js';
import { miningProfileJson } from './mining-profile.js';
import { observeContainer } from './observe.js';
import type { UnitRecord } from './session.js';
import type { Tracer } from './tracer/tracer.js';
import { throwIfAborted } from './wait.js';

export interface EnforcementMismatch {
  readonly index: number;
  readonly description: string;
  readonly expected: string;
  readonly actual: string;
}

/** A syscall the container made in the reference run that the profile does not allow. */
export interface BlockedSyscall {
  /** abi:name, e.g. 'x86_64:truncate'. */
  readonly syscall: string;
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
    ...f.wouldBlock.map((b) => `the profile would block ${b.syscall}, made by ${b.madeBy}`),
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
      const { healthyAfter, detail, outcome } = await applyLifecycle(deps.runtime, live, args.target, record.action, deps.signal);
      if (!healthyAfter) unhealthy.push({ index: record.index, detail });
      answers.push([healthyAfter ? 'healthy' : 'unhealthy', ...(outcome ? [outcome] : [])]);
    } else {
      const r = await args.generator.execute(record.unit, live.current.endpoint, { timeoutMs: args.unitTimeoutMs });
      answers.push([...r.answers]);
    }
  }
  return { answers, unhealthy };
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
  await tracer.start();
  let reference: string[][] = [];
  const observed = await observeContainer(
    {
      target: args.target, image: args.image, profileJson: miningProfileJson(), purpose: 'reference',
      drive: async (live, startEpoch) => {
        const r = await replay(args, deps, live, startEpoch);
        reference = r.answers;
        unhealthy.push(...r.unhealthy.map((u) => ({ ...u, run: 'reference' as const })));
      },
    },
    { runtime: deps.runtime, tracer, cleanup: deps.cleanup, signal: deps.signal },
  );
  await stopTracer();

  const wouldBlock: BlockedSyscall[] = [];
  for (const use of observed.trace.firstUses()) {
    const name = syscallName(use.abi, use.nr);
    if (name !== undefined && allowedSyscalls(args.profile, use.abi).includes(name)) continue;
    const syscall = `${use.abi}:${name ?? use.nr}`;
    // Epoch i (1-based) is the i-th replayed step; 0 is start-up; stopEpoch on is the shutdown.
    const step = args.units[use.epoch - 1];
    if (use.epoch === 0) wouldBlock.push({ syscall, madeBy: 'startup' });
    else if (use.epoch >= observed.stopEpoch || !step) wouldBlock.push({ syscall, madeBy: 'shutdown' });
    else wouldBlock.push({ syscall, madeBy: `unit ${step.index} (${step.description})`, unit: step.index });
  }

  let enforced: LaunchedContainer;
  try {
    enforced = await launchContainer({
      runtime: deps.runtime, cleanup: deps.cleanup, target: args.target, image: args.image,
      seccompProfile: args.profileJson, purpose: 'enforce', signal: deps.signal,
      // The reference run started fine: a profile that keeps it from answering shows within seconds.
      readyTimeoutMs: 20_000,
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
  const exit = await deps.runtime.stop(enforced.id, args.target.run.stopTimeoutSec);
  await enforced.remove();
  return conclude({ replayed: args.units.length, wouldBlock, mismatches, unhealthy, exitCode: exit.exitCode }, describe);
}
