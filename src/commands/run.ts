import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TargetDefinition } from '../../targets/types.js';
import { minUnitsForFamilies, type ResolvedRunOptions } from '../config/run-options.js';
import type { CleanupStack } from '../engine/cleanup.js';
import type { DockerodeRuntime } from '../engine/docker/dockerode-runtime.js';
import { checkEnforcement, restrictTo, type EnforcementResult } from '../engine/replay-check.js';
import { summariseHoldout, type HoldoutSummary } from '../report/holdout.js';
import type { StopRule } from '../engine/stop-rule.js';
import type { UnitRecord } from '../engine/session.js';
import { mine, type MineProgress } from '../engine/mine.js';
import type { Tracer } from '../engine/tracer/tracer.js';
import { checkPrerequisites, assertReadyToRun } from '../env/prerequisites.js';
import type { HostProbe } from '../env/host-probe.js';
import { EnforcementError, OutputError } from '../shared/errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import type { Observation } from '../profile/build.js';
import { mergeEvidence, type ArgumentEvidence } from '../profile/args/index.js';
import { describeCall } from '../syscalls/arg-names.js';
import { holdoutAdditions, holdoutArgumentAdditions, minedEvidence, minedObservations, profileOf, writeProfileFiles } from './run-profile.js';
import { buildRunReport, failingWorkloads, proofSteps, type RunReport } from '../report/run-report.js';
import { writeReportHtml } from '../report/html/write.js';
import { allowedSyscalls } from '../profile/diff.js';
import { SANDFUZZ_VERSION } from '../shared/version.js';
import { removeStrayContainers } from '../engine/strays.js';
import { setUpTarget, workloadFor } from './target-setup.js';

/** Held-out units replayed at most: enough for a useful interval... */
const MAX_HOLDOUT_REPLAY = 60;
/** ...and about this long per replay run, judged by how long units took while mining. */
const HOLDOUT_REPLAY_BUDGET_MS = 10_000;

function holdoutSample(result: { records: readonly UnitRecord[]; holdout: readonly UnitRecord[] }): UnitRecord[] {
  const ran = result.records.filter((r) => r.kind === 'workload' && r.role === 'sample');
  const meanMs = ran.length === 0 ? 100 : ran.reduce((a, r) => a + r.durationMs, 0) / ran.length;
  const fit = Math.max(10, Math.floor(HOLDOUT_REPLAY_BUDGET_MS / Math.max(1, meanMs)));
  return result.holdout.slice(0, Math.min(MAX_HOLDOUT_REPLAY, fit));
}

export interface RunDeps {
  readonly runtime: DockerodeRuntime;
  readonly probe: HostProbe;
  readonly createTracer: () => Tracer;
  readonly cleanup: CleanupStack;
  readonly signal: AbortSignal;
  readonly log: (line: string) => void;
  readonly onProgress?: (p: MineProgress) => void;
}

export interface RunOutcome {
  readonly report: RunReport;
  readonly profilePath: string;
  readonly reportPath: string;
  readonly htmlPath: string;
  /** The profile in the --format asked for, when not Docker JSON. */
  readonly formatPath?: string;
  /** seccomp.complain.json, with --complain. */
  readonly complainPath?: string;
}

/** `sandfuzz run` for one target: prerequisites, image, mining, profile, enforcement check, report. */
export async function runCommand(definition: TargetDefinition, options: ResolvedRunOptions, deps: RunDeps): Promise<RunOutcome> {
  assertReadyToRun(await checkPrerequisites(deps.probe));
  await removeStrayContainers(deps.runtime);

  const { spec: target, image } = await setUpTarget(definition, deps);
  const { imageId, repoDigests } = image;
  deps.log(image.built ? `built ${target.image} (${imageId.slice(7, 19)})` : `using ${target.image} (${imageId.slice(7, 19)})`);
  const generator = workloadFor(target, deps.signal);
  const engine = await deps.runtime.info();
  await mkdir(options.outDir, { recursive: true }).catch((err: Error) => {
    throw new OutputError(`cannot create output folder ${options.outDir}: ${err.message}`, { cause: err });
  });

  const tracer = deps.createTracer();
  const stopTracer = deps.cleanup.defer('stop tracer', () => tracer.stop());
  deps.log('attaching tracer');
  await tracer.start();
  deps.log(`mining ${target.name} (seed ${options.seed}, budget ${options.maxTimeMs / 1000}s)`);
  const result = await mine(
    {
      target, image: target.image, generator, guidance: options.guidance, seed: options.seed,
      holdoutShare: options.holdoutShare, unitTimeoutMs: options.unitTimeoutMs,
      rule: {
        maxTimeMs: options.maxTimeMs, discoveryThreshold: options.discoveryThreshold, maxUnseen: 0.5,
        ...(options.minUnits !== undefined ? { minUnits: options.minUnits } : {}),
      },
      minUnitsFor: minUnitsForFamilies,
    },
    { runtime: deps.runtime, tracer, cleanup: deps.cleanup, signal: deps.signal, ...(deps.onProgress ? { onProgress: deps.onProgress } : {}) },
  );
  await stopTracer();
  const rule: StopRule = result.rule;
  // The team's own commands must pass unconfined, or their verdict under the profile means nothing.
  for (const f of failingWorkloads(result.records)) {
    deps.log(`warning: workload ${f.name} failed while mining without any profile (${f.answer}): its verdict in the proof says nothing about the profile; fix the test or the target`);
  }

  // Which image exactly (id and registry digests) and which target file, byte for byte.
  const targetProvenance = {
    repoDigests: [...repoDigests], targetSource: target.source.kind, targetSha256: target.source.sha256,
    ...(target.source.path ? { targetFile: target.source.path } : {}),
  };
  const provenance = {
    target: target.name, image: target.image, imageId, seed: options.seed,
    kernel: engine.kernelVersion, dockerVersion: engine.serverVersion, sandfuzzVersion: SANDFUZZ_VERSION,
    protocol: target.protocol, port: target.port, ...targetProvenance,
  };
  const profileProvenance = {
    version: SANDFUZZ_VERSION, target: target.name, image: target.image, imageId, seed: options.seed,
    kernel: engine.kernelVersion, dockerVersion: engine.serverVersion, ...targetProvenance,
  };
  const observed = minedObservations(result);
  const evidence = minedEvidence(result);
  let { profile, json: profileJson, argumentRules } = profileOf(observed, evidence, options.args, profileProvenance);
  // Docker JSON is always written (the enforcement check runs on it); another format goes beside it.
  let paths = await writeProfileFiles(options.outDir, profile, profileJson, options);
  const kept = proofSteps(result);
  await writeFileAtomic(join(options.outDir, 'corpus.json'), `${JSON.stringify({ generator: generator.name, seed: options.seed, units: kept }, null, 2)}\n`);

  let enforcement: EnforcementResult | { skipped: true } = { skipped: true };
  let holdout: HoldoutSummary | undefined;
  let addedFromHoldout: Observation[] = [];
  let argsFromHoldout: ArgumentEvidence[] = [];
  if (options.enforce) {
    // Held-out units ride along after the kept ones, in the same two runs: one verdict each.
    const heldOut = holdoutSample(result);
    deps.log(`enforcement check: replaying ${kept.length} kept and ${heldOut.length} held-out units without and with the mined profile`);
    const check = await checkEnforcement(
      { target, image: target.image, generator, profile, profileJson, units: [...kept, ...heldOut], unitTimeoutMs: options.unitTimeoutMs },
      { runtime: deps.runtime, cleanup: deps.cleanup, signal: deps.signal, createTracer: deps.createTracer },
    );
    enforcement = restrictTo(check, kept);
    holdout = summariseHoldout(options.holdoutShare, result.holdout.length, heldOut, check);
    addedFromHoldout = holdoutAdditions(check, heldOut);
    argsFromHoldout = holdoutArgumentAdditions(check, heldOut);
    if (addedFromHoldout.length > 0 || argsFromHoldout.length > 0) {
      ({ profile, json: profileJson, argumentRules } = profileOf(
        [...observed, ...addedFromHoldout], mergeEvidence([evidence, argsFromHoldout]), options.args, profileProvenance,
      ));
      paths = await writeProfileFiles(options.outDir, profile, profileJson, options);
      const added = [...addedFromHoldout.map((o) => o.name), ...argsFromHoldout.map((e) => describeCall(e.syscall, e.values))];
      deps.log(`held-out units needed ${[...new Set(added)].join(', ')}: added to the profile`);
    }
  }
  const report = buildRunReport({
    provenance, result, enforcement, holdout, profilePath: paths.profilePath, allowed: allowedSyscalls(profile).length, rule, argumentRules, profile,
    addedFromHoldout: [...new Set(addedFromHoldout.map((o) => `${o.abi}:${o.name}`))].sort(),
  });
  const reportPath = join(options.outDir, 'report.json');
  await writeFileAtomic(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  const htmlPath = await writeReportHtml(options.outDir);
  if ('ok' in enforcement && !enforcement.ok) {
    throw new EnforcementError(`the mined profile broke ${target.name}: ${enforcement.problems[0]} (${enforcement.problems.length} problem(s), see ${reportPath})`);
  }
  return { report, ...paths, reportPath, htmlPath };
}
