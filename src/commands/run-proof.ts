import type { GuidedGenerator } from '../../generators/types.js';
import type { TargetSpec } from '../../targets/types.js';
import type { ResolvedRunOptions } from '../config/run-options.js';
import type { CleanupStack } from '../engine/cleanup.js';
import type { Clock } from '../engine/clock.js';
import type { ContainerRuntime } from '../engine/docker/runtime.js';
import type { MiningResult } from '../engine/mine.js';
import type { UnitRecord } from '../engine/session.js';
import type { Tracer } from '../engine/tracer/tracer.js';
import { mergeEvidence, type ArgumentEvidence } from '../profile/args/index.js';
import type { Observation } from '../profile/build.js';
import { allowedSyscalls } from '../profile/diff.js';
import type { ProvenanceInput } from '../profile/seccomp.js';
import { checkEnforcement, restrictTo, type EnforcementResult } from '../proof/replay-check.js';
import { summariseHoldout, type HoldoutSummary } from '../report/holdout.js';
import type { RunInputs } from '../report/html/write.js';
import { buildRunReport, proofSteps, type EnforcementSkipped, type RunProvenance, type RunReport } from '../report/run-report.js';
import { describeError, EnforcementError } from '../shared/errors.js';
import { describeCall } from '../syscalls/arg-names.js';
import { PARTIAL_PROFILE_FILE, PROFILE_FILE, REPORT_FILE, REPORT_HTML_FILE, type RunOutput } from './run-output.js';
import { companionFiles, holdoutAdditions, holdoutArgumentAdditions, profileOf, type ProfileOutput, type ProfilePaths } from './run-profile.js';

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

export interface ProofDeps {
  readonly runtime: ContainerRuntime;
  readonly createTracer: () => Tracer;
  readonly cleanup: CleanupStack;
  readonly signal: AbortSignal;
  readonly clock: Clock;
  readonly log: (line: string) => void;
  readonly renderHtml: (run: RunInputs) => Promise<string>;
}

/** What mining left for the proof: the target, the profile built from it, and its provenance. */
export interface MinedRun {
  readonly target: TargetSpec;
  readonly generator: GuidedGenerator;
  readonly result: MiningResult;
  readonly provenance: RunProvenance;
  readonly profileProvenance: ProvenanceInput;
  readonly observed: readonly Observation[];
  readonly evidence: readonly ArgumentEvidence[];
  readonly built: ProfileOutput;
}

export interface ProvenOutcome extends ProfilePaths {
  readonly report: RunReport;
  readonly reportPath: string;
  readonly htmlPath: string;
}

const SKIPPED_BY_USER: EnforcementSkipped = { skipped: true, reason: 'disabled with --no-enforce: this profile was never run under enforcement' };
const NOT_RUN_YET: EnforcementSkipped = { skipped: true, reason: 'the enforcement proof had not finished' };

/**
 * Proves the mined profile and writes the run's files (order and fail-safety: run-output.ts). The
 * proof may add what held-out units needed; a failed, interrupted or unwritable run keeps the
 * mined profile as seccomp.partial.json and says why in report.json, then rethrows.
 */
export async function proveAndWrite(mined: MinedRun, options: ResolvedRunOptions, output: RunOutput, deps: ProofDeps): Promise<ProvenOutcome> {
  const { target, generator, result } = mined;
  let current = mined.built;
  let enforcement: EnforcementResult | EnforcementSkipped = options.enforce ? NOT_RUN_YET : SKIPPED_BY_USER;
  let holdout: HoldoutSummary | undefined;
  let addedFromHoldout: Observation[] = [];
  const kept = proofSteps(result);
  const corpus = { generator: generator.name, seed: options.seed, units: kept };
  const reportOf = (profilePath: string, partialReason?: string): RunReport =>
    buildRunReport({
      provenance: mined.provenance,
      result,
      enforcement,
      holdout,
      profilePath,
      allowed: allowedSyscalls(current.profile).length,
      rule: result.rule,
      argumentRules: current.argumentRules,
      profile: current.profile,
      addedFromHoldout: [...new Set(addedFromHoldout.map((o) => `${o.abi}:${o.name}`))].sort(),
      ...(partialReason !== undefined ? { partialReason } : {}),
    });
  const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
  const partialPath = output.path(PARTIAL_PROFILE_FILE);

  let phase = 'the mined profile could not be written';
  let minedWritten = false;
  try {
    // Before the proof: if the run ends inside it (Ctrl-C, a dead tracer), this is what stays.
    await output.writeMined({
      profileJson: current.json,
      corpus: json(corpus),
      report: json(reportOf(partialPath, 'not proven: the enforcement proof did not finish')),
    });
    phase = 'the enforcement proof did not finish';
    minedWritten = true;
    if (options.enforce) {
      // Held-out units ride along after the kept ones, in the same two runs: one verdict each.
      const heldOut = holdoutSample(result);
      deps.log(`enforcement check: replaying ${kept.length} kept and ${heldOut.length} held-out units without and with the mined profile`);
      const check = await checkEnforcement(
        {
          target,
          image: target.image,
          generator,
          profile: current.profile,
          profileJson: current.json,
          units: [...kept, ...heldOut],
          unitTimeoutMs: options.unitTimeoutMs,
        },
        { runtime: deps.runtime, cleanup: deps.cleanup, signal: deps.signal, createTracer: deps.createTracer, clock: deps.clock },
      );
      enforcement = restrictTo(check, kept);
      holdout = summariseHoldout(options.holdoutShare, result.holdout.length, heldOut, check);
      if (!enforcement.ok) {
        phase = `the enforcement proof failed: ${enforcement.problems[0]}`;
        throw new EnforcementError(
          `the mined profile broke ${target.name}: ${enforcement.problems[0]} (${enforcement.problems.length} problem(s), see ${output.path(REPORT_FILE)}; the profile is kept as ${partialPath})`,
        );
      }
      addedFromHoldout = holdoutAdditions(check, heldOut);
      const argsFromHoldout = holdoutArgumentAdditions(check, heldOut);
      if (addedFromHoldout.length > 0 || argsFromHoldout.length > 0) {
        current = profileOf(
          [...mined.observed, ...addedFromHoldout],
          mergeEvidence([mined.evidence, argsFromHoldout]),
          options.args,
          mined.profileProvenance,
        );
        const added = [...addedFromHoldout.map((o) => o.name), ...argsFromHoldout.map((e) => describeCall(e.syscall, e.values))];
        deps.log(`held-out units needed ${[...new Set(added)].join(', ')}: added to the profile`);
      }
    }
    phase = 'the results could not all be written';
    const report = reportOf(output.path(PROFILE_FILE));
    const html = await deps.renderHtml({ report, profile: current.profile, corpus });
    const { files, paths } = companionFiles(output.dir, current.profile, options);
    await output.writeProven([{ name: REPORT_HTML_FILE, text: html }, ...files], json(report), current.json, deps.signal);
    return { report, ...paths, reportPath: output.path(REPORT_FILE), htmlPath: output.path(REPORT_HTML_FILE) };
  } catch (err) {
    const why = err instanceof EnforcementError ? phase : `${phase}: ${describeError(err)}`;
    // The partial report describes seccomp.partial.json: the profile as mined, before additions.
    current = mined.built;
    addedFromHoldout = [];
    const problems = await output.keepPartial(json(reportOf(partialPath, `not proven: ${why}`)));
    for (const p of problems) deps.log(`could not record the partial result: ${p}`);
    if (minedWritten) deps.log(`kept the unproven profile as ${partialPath}; no seccomp.json (report.json says why)`);
    throw err;
  }
}
