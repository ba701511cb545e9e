import type { ArgRuleOutcome } from '../profile/args/index.js';
import type { SeccompProfile } from '../profile/seccomp.js';
import { profileWarnings, type ProfileWarning } from '../profile/warnings.js';
import type { EnforcementResult } from '../proof/replay-check.js';
import { summariseCrashes, type CrashSummary } from './crash-file.js';
import type { HoldoutSummary } from './holdout.js';
import { RUNTIME_BASE_SYSCALLS } from '../profile/runtime-base.js';
import type { StopRule } from '../engine/stop-rule.js';
import { syscallKey } from '../engine/tracer/container-trace.js';
import type { MiningResult } from '../engine/mine.js';
import { STARTUP_EPOCH, type UnitRecord } from '../engine/session.js';
import { syscallName, type Abi } from '../syscalls/index.js';

/** Where a syscall was first seen: start-up, a unit, or the graceful stop. */
export type Finder =
  | { readonly phase: 'startup' }
  | {
      readonly phase: 'unit';
      readonly index: number;
      readonly family: string;
      readonly description: string;
      /** Replaying the unit used the syscall again (guided runs); null when not checked. */
      readonly confirmed: boolean | null;
    }
  | { readonly phase: 'shutdown' };

export interface SyscallFinding {
  readonly name: string;
  readonly abi: Abi;
  readonly nr: number;
  /** Milliseconds after the container was started. */
  readonly firstSeenMs: number;
  readonly foundBy: Finder;
}

export interface CurvePoint {
  readonly ms: number;
  /** Units run when it was found (0 during start-up). */
  readonly units: number;
  readonly syscalls: number;
}

export interface RunProvenance {
  readonly target: string;
  readonly image: string;
  readonly imageId: string;
  readonly seed: number;
  readonly kernel: string;
  readonly dockerVersion: string;
  readonly sandfuzzVersion: string;
  readonly protocol?: string;
  readonly port?: number;
  /** Registry digests of the image ('repo@sha256:...'); empty for a locally built one. */
  readonly repoDigests?: readonly string[];
  /** Where the target came from: 'builtin', 'file' or 'command-line'. */
  readonly targetSource?: string;
  readonly targetFile?: string;
  /** sha256 of the target file's bytes (or of the command line's canonical form). */
  readonly targetSha256?: string;
}

/** Why mining stopped, with the estimates the stop rule saw last (STADS). */
export interface StopSummary {
  readonly reason: string;
  readonly saturated: boolean;
  /** Good-Turing probability that one more unit finds a new syscall (Q1/m). */
  readonly discoveryProbability: number;
  /** Chao2 estimate of all syscalls the workload can reach, and of those still unseen. */
  readonly chao2: number;
  readonly unseen: number;
  readonly coverage: number;
  readonly units: number;
  readonly observedInUnits: number;
  readonly q1: number;
  readonly q2: number;
  readonly threshold: number;
  readonly maxUnseen: number;
  readonly minUnits: number;
}

/** The proof did not run: the user turned it off (--no-enforce), or the run ended before it. */
export interface EnforcementSkipped {
  readonly skipped: true;
  readonly reason?: string;
}

/** report.json: everything a reviewer needs to judge how a profile was mined. */
export interface RunReport extends RunProvenance {
  readonly startedAt: string;
  readonly endedAt: string;
  readonly stopReason: string;
  readonly stop: StopSummary;
  readonly guidance: 'guided' | 'unguided';
  readonly estimateCurve: MiningResult['estimateCurve'];
  readonly miningMs: number;
  /** When the last syscall found by a unit came in, in ms after mining started (0: none). */
  readonly timeToFinalSetMs: number;
  readonly unitsRun: number;
  readonly families: Readonly<Record<string, number>>;
  readonly syscalls: readonly SyscallFinding[];
  /** Numbers the tracer saw that the syscall tables cannot name (never put in a profile). */
  readonly unnamed: ReadonlyArray<{ abi: Abi; nr: number }>;
  readonly curve: readonly CurvePoint[];
  readonly arguments: {
    readonly cloneFlags: readonly string[];
    readonly socketKinds: ReadonlyArray<{ family: number; type: number; protocol: number }>;
  };
  /** Each argument rule of the profile: what it allows, which units needed it, thin evidence marked. */
  readonly argumentRules: readonly ArgRuleOutcome[];
  /** Dangerous things the profile still allows, with what needed them. */
  readonly warnings: readonly ProfileWarning[];
  readonly stopExitCode: number;
  /** Each time the server died while mining (restarted, mining went on): a reproducer in crashes/. */
  readonly crashes: readonly CrashSummary[];
  readonly keptUnits: readonly number[];
  /**
   * True when the profile was mined but not proven (the proof failed, was interrupted, or a file
   * could not be written): it is then in seccomp.partial.json, and there is no seccomp.json.
   */
  readonly partial: boolean;
  /** Why the profile is partial (partial runs only). */
  readonly partialReason?: string;
  readonly enforcement: EnforcementResult | EnforcementSkipped;
  /** Empirical false-positive rate on held-out units (absent when enforcement was skipped). */
  readonly holdout: HoldoutSummary | null;
  readonly profile: {
    readonly path: string;
    readonly allowed: number;
    /** Syscalls only held-out units made, allowed after the false-positive rate was measured. */
    readonly addedFromHoldout: readonly string[];
    /** Allowed in every profile for the container runtime's own start-up (runtime-base.ts). */
    readonly runtimeBase: readonly string[];
  };
}

/** The sampling unit behind an epoch: a confirmation replay stands for the unit it replays. */
function unitOfEpoch(epoch: number, records: readonly UnitRecord[]): UnitRecord | undefined {
  const r = records.find((x) => x.epoch === epoch);
  if (!r || r.replayOf === undefined) return r;
  return records.find((x) => x.index === r.replayOf);
}

function finderOf(epoch: number, confirmed: boolean | null, result: MiningResult): Finder {
  // The restart after a crash is a start-up like the first, with its own epoch.
  if (epoch === STARTUP_EPOCH || result.crashes.some((c) => c.restartEpoch === epoch)) return { phase: 'startup' };
  if (epoch >= result.stopEpoch) return { phase: 'shutdown' };
  const r = unitOfEpoch(epoch, result.records);
  if (!r) return { phase: 'unit', index: 0, family: 'background', description: 'between units', confirmed };
  return { phase: 'unit', index: r.index, family: r.family, description: r.description, confirmed };
}

function describeFinder(f: Finder): string {
  return f.phase === 'unit' ? `unit ${f.index} (${f.description})` : f.phase === 'startup' ? 'start-up' : 'shutdown';
}

/** Units that first found at least one syscall, in session order: what the enforcement check replays. */
export function keptRecords(result: MiningResult): UnitRecord[] {
  const kept = new Set<number>();
  for (const use of result.firstUses) {
    const r = unitOfEpoch(use.epoch, result.records);
    if (r) kept.add(r.index);
  }
  // An optional signal the server did not survive is no operation to prove the profile on, and a
  // step the server died in would only kill it again: their syscalls are allowed, not proven.
  return result.records.filter((r) => kept.has(r.index) && !(r.kind === 'lifecycle' && r.dropped) && r.crashed === undefined);
}

/**
 * The steps the enforcement proof replays: the kept ones, plus one run of each of the team's own
 * commands (`workload:` families) that found nothing first: their exit status under the profile
 * is part of the proof whether or not they were first to a syscall. In session order.
 */
export function proofSteps(result: MiningResult): UnitRecord[] {
  const kept = keptRecords(result);
  const covered = new Set(kept.map((r) => r.family));
  const extra: UnitRecord[] = [];
  for (const r of result.records) {
    if (r.kind !== 'workload' || r.role !== 'sample' || r.crashed !== undefined || !r.family.startsWith('workload:') || covered.has(r.family))
      continue;
    covered.add(r.family);
    extra.push(r);
  }
  return [...kept, ...extra].sort((a, b) => a.index - b.index);
}

/** The team's own commands that did not exit 0 while mining, each with its first failing answer. */
export function failingWorkloads(records: readonly UnitRecord[]): Array<{ name: string; answer: string }> {
  const out = new Map<string, string>();
  for (const r of records) {
    if (r.kind !== 'workload' || !r.family.startsWith('workload:') || out.has(r.family)) continue;
    const bad = r.answers.find((a) => !a.startsWith('exit 0 '));
    if (bad !== undefined) out.set(r.family, bad);
  }
  return [...out].map(([family, answer]) => ({ name: family.slice('workload:'.length), answer }));
}

/** Builds report.json's content from a mining result. Pure. */
export function buildRunReport(args: {
  provenance: RunProvenance;
  result: MiningResult;
  enforcement: EnforcementResult | EnforcementSkipped;
  /** Why the profile is not proven; absent for a proven (or deliberately unproven) one. */
  partialReason?: string;
  holdout?: HoldoutSummary | undefined;
  profilePath: string;
  allowed: number;
  rule: StopRule;
  addedFromHoldout?: readonly string[];
  argumentRules?: readonly ArgRuleOutcome[];
  /** The written profile, for its warnings. */
  profile?: SeccompProfile;
}): RunReport {
  const { result } = args;
  const syscalls: SyscallFinding[] = [];
  const unnamed: Array<{ abi: Abi; nr: number }> = [];
  const curve: CurvePoint[] = [];
  for (const use of result.firstUses) {
    const name = syscallName(use.abi, use.nr);
    if (name === undefined) {
      unnamed.push({ abi: use.abi, nr: use.nr });
      continue;
    }
    const credit = result.credits.get(syscallKey(use));
    const foundBy = finderOf(use.epoch, credit ? credit.confirmed : null, result);
    const ms = Math.round(use.ms * 10) / 10;
    syscalls.push({ name, abi: use.abi, nr: use.nr, firstSeenMs: ms, foundBy });
    const units = foundBy.phase === 'unit' ? foundBy.index : foundBy.phase === 'startup' ? 0 : result.records.length;
    curve.push({ ms, units, syscalls: syscalls.length });
  }
  const finders = new Map(syscalls.filter((x) => x.abi === 'x86_64').map((x) => [x.name, describeFinder(x.foundBy)]));
  const argumentRules = args.argumentRules ?? [];
  const warnings = args.profile ? profileWarnings(args.profile, argumentRules, (name) => finders.get(name)) : [];
  const families: Record<string, number> = {};
  for (const r of result.records) if (r.role === 'sample') families[r.family] = (families[r.family] ?? 0) + 1;
  const e = result.estimates;
  return {
    ...args.provenance,
    startedAt: result.startedAt.toISOString(),
    endedAt: result.endedAt.toISOString(),
    stopReason: result.stopReason,
    stop: {
      reason: result.stopReason,
      saturated: result.stopReason === 'saturated',
      discoveryProbability: e.discoveryProbability,
      chao2: e.chao2,
      unseen: e.unseen,
      coverage: e.coverage,
      units: e.units,
      observedInUnits: e.observed,
      q1: e.q1,
      q2: e.q2,
      threshold: args.rule.discoveryThreshold,
      maxUnseen: args.rule.maxUnseen,
      minUnits: args.rule.minUnits,
    },
    guidance: result.guided ? 'guided' : 'unguided',
    estimateCurve: result.estimateCurve,
    miningMs: Math.round(result.miningMs),
    timeToFinalSetMs: Math.round(Math.max(0, ...syscalls.filter((x) => x.foundBy.phase === 'unit').map((x) => x.firstSeenMs - result.miningStartMs))),
    unitsRun: result.records.filter((r) => r.role === 'sample').length,
    families: Object.fromEntries(Object.entries(families).sort(([a], [b]) => a.localeCompare(b))),
    syscalls,
    unnamed,
    curve,
    arguments: {
      cloneFlags: result.trace.cloneFlags().map((f) => `0x${f.toString(16)}`),
      socketKinds: result.trace.socketKinds(),
    },
    argumentRules,
    warnings,
    stopExitCode: result.exit.exitCode,
    crashes: summariseCrashes(result.crashes),
    keptUnits: keptRecords(result).map((r) => r.index),
    partial: args.partialReason !== undefined,
    ...(args.partialReason !== undefined ? { partialReason: args.partialReason } : {}),
    enforcement: args.enforcement,
    holdout: args.holdout ?? null,
    profile: { path: args.profilePath, allowed: args.allowed, addedFromHoldout: args.addedFromHoldout ?? [], runtimeBase: RUNTIME_BASE_SYSCALLS },
  };
}
