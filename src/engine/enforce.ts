import type { WorkloadGenerator } from '../../generators/types.js';
import type { TargetSpec } from '../../targets/types.js';
import type { CleanupStack } from './cleanup.js';
import { applyLifecycle, launchContainer } from './container-session.js';
import type { ContainerRuntime } from './docker/runtime.js';
import type { UnitRecord } from './session.js';
import { throwIfAborted } from './wait.js';

export interface EnforcementMismatch {
  readonly index: number;
  readonly description: string;
  readonly expected: string;
  readonly actual: string;
}

export interface EnforcementResult {
  readonly ok: boolean;
  readonly replayed: number;
  readonly mismatches: readonly EnforcementMismatch[];
  readonly exitCode: number;
  /** One line per problem, empty when ok. */
  readonly problems: readonly string[];
}

/**
 * Runs the container again under the mined profile, replays the kept steps in their order, and
 * compares every answer with what mining saw; then stops it and expects a clean exit (code 0).
 */
export async function checkEnforcement(
  args: {
    readonly target: TargetSpec;
    readonly image: string;
    readonly generator: WorkloadGenerator;
    readonly profileJson: string;
    readonly kept: readonly UnitRecord[];
    readonly unitTimeoutMs: number;
  },
  deps: { runtime: ContainerRuntime; cleanup: CleanupStack; signal: AbortSignal },
): Promise<EnforcementResult> {
  const { runtime, signal } = deps;
  const problems: string[] = [];
  const mismatches: EnforcementMismatch[] = [];
  let container;
  try {
    container = await launchContainer({
      runtime, cleanup: deps.cleanup, target: args.target, image: args.image,
      seccompProfile: args.profileJson, purpose: 'enforce', signal,
    });
  } catch (err) {
    if ((err as Error).name === 'InterruptedError') throw err;
    const problem = `did not start under the profile: ${(err as Error).message}`;
    return { ok: false, replayed: 0, mismatches, exitCode: -1, problems: [problem] };
  }

  let replayed = 0;
  for (const record of args.kept) {
    throwIfAborted(signal);
    if (record.kind === 'lifecycle') {
      const { healthyAfter, detail } = await applyLifecycle(runtime, container, args.target, record.action, signal);
      if (!healthyAfter) problems.push(`unit ${record.index} (${record.description}): not healthy afterwards: ${detail}`);
    } else {
      const { answers } = await args.generator.execute(record.unit, container.endpoint, { timeoutMs: args.unitTimeoutMs });
      const expected = record.answers.join(' | ');
      const actual = answers.join(' | ');
      if (expected !== actual) {
        mismatches.push({ index: record.index, description: record.description, expected, actual });
        problems.push(`unit ${record.index} (${record.description}): answered '${actual}', mining saw '${expected}'`);
      }
    }
    replayed++;
  }

  const exit = await runtime.stop(container.id, args.target.run.stopTimeoutSec);
  if (exit.exitCode !== 0) {
    const tail = (await runtime.logs(container.id, 3).catch(() => '')).trim().split('\n').pop() ?? '';
    problems.push(`graceful stop ended with exit code ${exit.exitCode}${tail ? ` (last log line: ${tail})` : ''}`);
  }
  await container.remove();
  return { ok: problems.length === 0, replayed, mismatches, exitCode: exit.exitCode, problems };
}
