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
  readonly exitCode: number;
  /** One line per problem, empty when ok. */
  readonly problems: readonly string[];
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
): Promise<{ answers: string[][]; problems: string[] }> {
  const answers: string[][] = [];
  const problems: string[] = [];
  for (const record of args.units) {
    throwIfAborted(deps.signal);
    startEpoch?.();
    if (record.kind === 'lifecycle') {
      const { healthyAfter, detail } = await applyLifecycle(deps.runtime, live, args.target, record.action, deps.signal);
      if (!healthyAfter) problems.push(`unit ${record.index} (${record.description}): not healthy afterwards: ${detail}`);
      answers.push([healthyAfter ? 'healthy' : 'unhealthy']);
    } else {
      const r = await args.generator.execute(record.unit, live.current.endpoint, { timeoutMs: args.unitTimeoutMs });
      answers.push([...r.answers]);
    }
  }
  return { answers, problems };
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
  const problems: string[] = [];
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
        problems.push(...r.problems.map((p) => `reference run: ${p}`));
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
  for (const b of wouldBlock) problems.push(`the profile would block ${b.syscall}, made by ${b.madeBy}`);

  let enforced: LaunchedContainer;
  try {
    enforced = await launchContainer({
      runtime: deps.runtime, cleanup: deps.cleanup, target: args.target, image: args.image,
      seccompProfile: args.profileJson, purpose: 'enforce', signal: deps.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'InterruptedError') throw err;
    problems.push(`did not start under the profile: ${(err as Error).message}`);
    return { ok: false, replayed: 0, wouldBlock, mismatches: [], exitCode: -1, problems };
  }
  const actual = await replay(args, deps, { current: enforced });
  problems.push(...actual.problems);
  const mismatches: EnforcementMismatch[] = [];
  args.units.forEach((record, i) => {
    const expected = (reference[i] ?? []).join(' | ');
    const got = (actual.answers[i] ?? []).join(' | ');
    if (expected !== got) {
      mismatches.push({ index: record.index, description: record.description, expected, actual: got });
      problems.push(`unit ${record.index} (${record.description}): answered '${got}' under the profile, '${expected}' without it`);
    }
  });
  const exit = await deps.runtime.stop(enforced.id, args.target.run.stopTimeoutSec);
  if (exit.exitCode !== 0) {
    const tail = (await deps.runtime.logs(enforced.id, 3).catch(() => '')).trim().split('\n').pop() ?? '';
    problems.push(`graceful stop ended with exit code ${exit.exitCode}${tail ? ` (last log line: ${tail})` : ''}`);
  }
  await enforced.remove();
  return { ok: problems.length === 0, replayed: args.units.length, wouldBlock, mismatches, exitCode: exit.exitCode, problems };
}
