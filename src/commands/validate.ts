import type { TracerName } from '../engine/tracer/tracers.js';
import { readFile } from 'node:fs/promises';
import type { WorkloadGenerator } from '../../generators/types.js';
import { getTarget } from '../../targets/index.js';
import type { TargetSpec } from '../../targets/types.js';
import type { ResolvedValidateOptions } from '../config/validate-options.js';
import type { CleanupStack } from '../engine/cleanup.js';
import { describeLifecycle } from '../engine/container-session.js';
import type { Clock } from '../engine/clock.js';
import type { ContainerRuntime } from '../engine/docker/runtime.js';
import type { ImageStore } from '../../targets/image-store.js';
import { checkEnforcement, type EnforcementResult } from '../proof/replay-check.js';
import { lifecycleAt, type UnitRecord } from '../engine/session.js';
import type { Tracer } from '../engine/tracer/tracer.js';
import type { HostProbe } from '../env/host-probe.js';
import { assertReadyToRun, checkPrerequisites } from '../env/prerequisites.js';
import { InputFileError } from '../shared/errors.js';
import { parseProfile } from '../profile/parse.js';
import { prepareOnce } from './prepare-once.js';
import { setUpTarget, workloadFor } from './target-setup.js';

/**
 * The steps `validate` replays: `units` workload units of the target's generator stream for the
 * seed, with the target's lifecycle events interleaved as mining does. Pure.
 */
export function validationSteps(target: Pick<TargetSpec, 'lifecycle'>, generator: WorkloadGenerator, seed: number, units: number): UnitRecord[] {
  const stream = generator.units(seed);
  const steps: UnitRecord[] = [];
  let workload = 0;
  while (workload < units) {
    const index = steps.length + 1;
    const action = lifecycleAt(index, target.lifecycle);
    const base = { index, epoch: index, role: 'sample' as const, startedMs: 0, durationMs: 0 };
    if (action) {
      const description = describeLifecycle(action);
      steps.push({ ...base, kind: 'lifecycle', action, family: `lifecycle:${action.name}`, description, healthyAfter: true, detail: '' });
    } else {
      const unit = stream.next().value;
      steps.push({
        ...base,
        kind: 'workload',
        generator: generator.name,
        origin: 'stream',
        unit,
        answers: [],
        family: generator.family(unit),
        description: generator.describe(unit),
      });
      workload++;
    }
  }
  return steps;
}

/** `sandfuzz validate`: does a profile let the target's workload run, and answer the same? */
export async function validateCommand(
  options: ResolvedValidateOptions,
  deps: {
    runtime: ContainerRuntime;
    images: ImageStore;
    probe: HostProbe;
    tracer?: TracerName;
    createTracer: () => Tracer;
    clock?: Clock;
    cleanup: CleanupStack;
    signal: AbortSignal;
    log: (l: string) => void;
  },
): Promise<EnforcementResult> {
  const definition = getTarget(options.target);
  const text = await readFile(options.profilePath, 'utf8').catch((err: Error) => {
    throw new InputFileError(`cannot read profile ${options.profilePath}: ${err.message}`);
  });
  const profile = parseProfile(text, options.profilePath);
  assertReadyToRun(await checkPrerequisites(deps.probe, deps.tracer));
  const { spec: target } = await setUpTarget(definition, deps);
  const generator = workloadFor(target, deps.signal);
  // Units stay replayable without prepare, but a fresh stream needs what prepare learns (an
  // OpenAPI description, crawled links): learn it from a container of the image, untraced.
  await prepareOnce(target, generator, deps);
  const steps = validationSteps(target, generator, options.seed, options.units);
  deps.log(`validating ${options.profilePath} on ${target.name}: ${steps.length} steps (seed ${options.seed}), relaxed and traced, then enforced`);
  return checkEnforcement(
    { target, image: target.image, generator, profile, profileJson: text, units: steps, unitTimeoutMs: options.unitTimeoutMs },
    {
      runtime: deps.runtime,
      cleanup: deps.cleanup,
      signal: deps.signal,
      createTracer: deps.createTracer,
      ...(deps.clock ? { clock: deps.clock } : {}),
    },
  );
}
