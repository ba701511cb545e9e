import type { TracerName } from '../engine/tracer/tracers.js';
import type { GuidedGenerator } from '../../generators/types.js';
import type { ImageStore } from '../../targets/image-store.js';
import type { TargetDefinition, TargetSpec } from '../../targets/types.js';
import { minUnitsForFamilies, type ResolvedRunOptions } from '../config/run-options.js';
import type { CleanupStack } from '../engine/cleanup.js';
import type { Clock } from '../engine/clock.js';
import type { ContainerRuntime } from '../engine/docker/runtime.js';
import { mine, type MineProgress } from '../engine/mine.js';
import { removeStrayContainers } from '../engine/strays.js';
import type { Tracer } from '../engine/tracer/tracer.js';
import { throwIfAborted } from '../engine/wait.js';
import type { HostProbe } from '../env/host-probe.js';
import { assertReadyToRun, checkPrerequisites } from '../env/prerequisites.js';
import type { OutputFs } from '../io/output-fs.js';
import { renderRunReportHtml, type RunInputs } from '../report/html/write.js';
import { failingWorkloads } from '../report/run-report.js';
import { untilAborted } from '../shared/abort.js';
import { SANDFUZZ_VERSION } from '../shared/version.js';
import { RunOutput } from './run-output.js';
import { minedEvidence, minedObservations, profileOf } from './run-profile.js';
import { proveAndWrite, type ProvenOutcome } from './run-proof.js';
import { setUpTarget, workloadFor } from './target-setup.js';
import { clearCrashFiles } from '../io/crash-files.js';
import { onCrashFor } from './run-crashes.js';

/** Every side effect of a run, behind the interfaces src/cli/wiring.ts fills in once (test/fakes/ for tests). */
export interface RunDeps {
  readonly runtime: ContainerRuntime;
  readonly images: ImageStore;
  readonly probe: HostProbe;
  /** The tracer createTracer starts, for the prerequisite check (default: the default tracer). */
  readonly tracer?: TracerName;
  readonly createTracer: () => Tracer;
  readonly fs: OutputFs;
  readonly clock: Clock;
  readonly cleanup: CleanupStack;
  readonly signal: AbortSignal;
  readonly log: (line: string) => void;
  readonly onProgress?: (p: MineProgress) => void;
  /** The target's workload (workloadFor when absent: the protocol's generator, talking to the server). */
  readonly workload?: (target: TargetSpec, signal: AbortSignal) => GuidedGenerator;
  /** report.html from the run in memory (renderRunReportHtml when absent). */
  readonly renderHtml?: (run: RunInputs) => Promise<string>;
}

/** Paths of what a run wrote (ProfilePaths: seccomp.json and its companions) and its report. */
export type RunOutcome = ProvenOutcome;

/**
 * `sandfuzz run` for one target: output folder, prerequisites, image, mining, profile, proof,
 * report. seccomp.json exists only once the proof passed (run-output.ts says in which order).
 */
export async function runCommand(definition: TargetDefinition, options: ResolvedRunOptions, deps: RunDeps): Promise<RunOutcome> {
  const { signal } = deps;
  // First, before anything is built or started: an unwritable --out fails in a moment, not after mining.
  const output = await RunOutput.open(deps.fs, options.outDir);
  assertReadyToRun(await untilAborted(checkPrerequisites(deps.probe, deps.tracer), signal));
  await untilAborted(removeStrayContainers(deps.runtime), signal);

  const { spec: target, image } = await setUpTarget(definition, { images: deps.images, log: deps.log, signal });
  const { imageId, repoDigests } = image;
  deps.log(image.built ? `built ${target.image} (${imageId.slice(7, 19)})` : `using ${target.image} (${imageId.slice(7, 19)})`);
  const generator = (deps.workload ?? workloadFor)(target, signal);
  const engine = await untilAborted(deps.runtime.info(), signal);

  // crashes/ holds this run's reproducers only, saved as they happen.
  await clearCrashFiles(output.dir, deps.fs);
  const onCrash = onCrashFor({ target, imageId, generator: generator.name, seed: options.seed, outDir: output.dir, log: deps.log }, deps.fs);
  const tracer = deps.createTracer();
  const stopTracer = deps.cleanup.defer('stop tracer', () => tracer.stop());
  deps.log('attaching tracer');
  await untilAborted(tracer.start(), signal);
  throwIfAborted(signal);
  deps.log(`mining ${target.name} (seed ${options.seed}, budget ${options.maxTimeMs / 1000}s)`);
  const result = await mine(
    {
      target,
      image: target.image,
      generator,
      guidance: options.guidance,
      seed: options.seed,
      holdoutShare: options.holdoutShare,
      unitTimeoutMs: options.unitTimeoutMs,
      rule: {
        maxTimeMs: options.maxTimeMs,
        discoveryThreshold: options.discoveryThreshold,
        maxUnseen: 0.5,
        ...(options.minUnits !== undefined ? { minUnits: options.minUnits } : {}),
      },
      minUnitsFor: minUnitsForFamilies,
    },
    {
      runtime: deps.runtime,
      tracer,
      cleanup: deps.cleanup,
      signal,
      clock: deps.clock,
      onCrash,
      ...(deps.onProgress ? { onProgress: deps.onProgress } : {}),
    },
  );
  await stopTracer();
  // The team's own commands must pass unconfined, or their verdict under the profile means nothing.
  for (const f of failingWorkloads(result.records)) {
    deps.log(
      `warning: workload ${f.name} failed while mining without any profile (${f.answer}): its verdict in the proof says nothing about the profile; fix the test or the target`,
    );
  }

  // Which image exactly (id and registry digests) and which target file, byte for byte.
  const targetProvenance = {
    repoDigests: [...repoDigests],
    targetSource: target.source.kind,
    targetSha256: target.source.sha256,
    ...(target.source.path ? { targetFile: target.source.path } : {}),
  };
  const provenance = {
    target: target.name,
    image: target.image,
    imageId,
    seed: options.seed,
    kernel: engine.kernelVersion,
    dockerVersion: engine.serverVersion,
    sandfuzzVersion: SANDFUZZ_VERSION,
    protocol: target.protocol,
    port: target.port,
    ...targetProvenance,
  };
  const profileProvenance = {
    version: SANDFUZZ_VERSION,
    target: target.name,
    image: target.image,
    imageId,
    seed: options.seed,
    kernel: engine.kernelVersion,
    dockerVersion: engine.serverVersion,
    ...targetProvenance,
  };
  const observed = minedObservations(result);
  const evidence = minedEvidence(result);
  const built = profileOf(observed, evidence, options.args, profileProvenance);
  return proveAndWrite({ target, generator, result, provenance, profileProvenance, observed, evidence, built }, options, output, {
    runtime: deps.runtime,
    createTracer: deps.createTracer,
    cleanup: deps.cleanup,
    signal,
    clock: deps.clock,
    log: deps.log,
    renderHtml: deps.renderHtml ?? ((run) => renderRunReportHtml(run)),
  });
}
