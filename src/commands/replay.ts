import { readFile } from 'node:fs/promises';
import { getTarget } from '../../targets/index.js';
import type { ImageStore } from '../../targets/image-store.js';
import type { CleanupStack } from '../engine/cleanup.js';
import { nowMs, systemClock, type Clock } from '../engine/clock.js';
import { applyLifecycle, launchContainer, type LiveContainer } from '../engine/container-session.js';
import { actionFailure, checkHealth, type HealthScope } from '../engine/crash-keeper.js';
import { CRASH_LOG_LINES, deadOrHung, logTail, type HealthVerdict } from '../engine/crash.js';
import type { ContainerRuntime } from '../engine/docker/runtime.js';
import { miningProfileJson } from '../engine/mining-profile.js';
import { parseCrashFile, type CrashFile } from '../report/crash-file.js';
import { InputFileError, UsageError } from '../shared/errors.js';
import { setUpTarget, workloadFor } from './target-setup.js';

export interface ReplayOptions {
  readonly crashPath: string;
  /** The target to replay on, when not the one the file names (a run from --image flags names none). */
  readonly target?: string;
  readonly unitTimeoutMs: number;
}

export interface ReplayDeps {
  readonly runtime: ContainerRuntime;
  readonly images: ImageStore;
  readonly cleanup: CleanupStack;
  readonly signal: AbortSignal;
  readonly log: (line: string) => void;
  readonly clock?: Clock;
}

export interface ReplayResult {
  readonly crash: CrashFile;
  /** What the step got back: the unit's answers, or the lifecycle action's detail. */
  readonly answers: readonly string[];
  readonly verdict: HealthVerdict;
  /** The container's last log lines, when it did not survive. */
  readonly logTail: readonly string[];
}

async function readCrash(path: string): Promise<CrashFile> {
  const text = await readFile(path, 'utf8').catch((err: Error) => {
    throw new InputFileError(`cannot read crash file ${path}: ${err.message}`);
  });
  return parseCrashFile(text, path);
}

/**
 * `sandfuzz replay`: sends the one step of a crash file to a fresh container of the target, run
 * as mining runs it (no profile in the way), and tells whether the server survives it. A step
 * that only kills a server after the session before it does not reproduce alone; the seed in the
 * file reruns the whole session.
 */
export async function replayCrash(options: ReplayOptions, deps: ReplayDeps): Promise<ReplayResult> {
  const crash = await readCrash(options.crashPath);
  const ref = options.target ?? crash.targetRef;
  if (ref === undefined) throw new UsageError(`${options.crashPath} was mined from --image flags and names no target file: give --target FILE`);
  const { spec: target, image } = await setUpTarget(getTarget(ref), deps);
  if (target.name !== crash.target) deps.log(`warning: replaying on ${target.name}; the crash was on ${crash.target}`);
  if (image.imageId !== crash.imageId)
    deps.log(`warning: ${target.image} is now ${image.imageId.slice(7, 19)}, the crash was on ${crash.imageId.slice(7, 19)}`);
  const step = crash.units[0];
  const generator = workloadFor(target, deps.signal);
  if (step.kind === 'workload' && generator.name !== step.generator) {
    throw new InputFileError(`${options.crashPath}: its unit is for generator ${step.generator}, ${target.name} speaks ${generator.name}`);
  }
  const { runtime, signal, clock } = deps;
  const container = await launchContainer({
    runtime,
    cleanup: deps.cleanup,
    target,
    image: target.image,
    seccompProfile: miningProfileJson(),
    purpose: 'replay',
    signal,
    ...(clock ? { clock } : {}),
  });
  const live: LiveContainer = { current: container };
  const scope: HealthScope = { runtime, live, target, signal, ...(clock ? { clock } : {}) };
  deps.log(`replaying ${crash.step} of crash ${crash.crash} (seed ${crash.seed}) on a fresh ${target.name} container`);
  let answers: readonly string[];
  let verdict: HealthVerdict;
  if (step.kind === 'workload') {
    const startedMs = nowMs(clock ?? systemClock);
    ({ answers } = await generator.execute(step.unit, live.current.endpoint, { timeoutMs: options.unitTimeoutMs }));
    verdict = await checkHealth(scope, nowMs(clock ?? systemClock) - startedMs >= options.unitTimeoutMs);
  } else {
    const r = await applyLifecycle(runtime, live, target, step.action, signal, clock).catch((err: unknown) => actionFailure(scope, err));
    answers = [r.detail];
    verdict = r.healthyAfter ? await checkHealth(scope, false) : deadOrHung(await runtime.state(live.current.id), r.detail);
  }
  const logs = verdict.healthy ? [] : logTail(await runtime.logs(live.current.id, CRASH_LOG_LINES).catch(() => ''));
  await runtime.stop(live.current.id, target.run.stopTimeoutSec).catch(() => undefined);
  await container.remove();
  return { crash, answers, verdict, logTail: logs };
}
