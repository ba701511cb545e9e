import type { ArgRuleOutcome } from '../../profile/args/index.js';
import { allowedSyscallDetails } from '../../profile/diff.js';
import { compareDockerConditions, type ConditionComparison } from '../../profile/docker-conditions.js';
import { isPermissive, type SeccompProfile } from '../../profile/seccomp.js';
import type { ProfileWarning } from '../../profile/warnings.js';
import type { RunReport, StopSummary } from '../run-report.js';
import { compareWithDockerDefault, type DockerComparison, type DockerComparisonMissing, missingDockerDefault } from './docker-compare.js';
import { DOCKER_DEFAULT_PROFILE_PATH, type DockerDefaultInput, type KeptCorpus } from './inputs.js';
import { buildSyscallRows, seriesOf, type SyscallRow } from './syscall-rows.js';

export type { SyscallRow } from './syscall-rows.js';

/** The enforcement check, as the page shows it. */
export interface EnforcementView {
  readonly status: 'passed' | 'failed' | 'skipped';
  readonly replayed: number | null;
  readonly problems: readonly string[];
  readonly wouldBlock: ReadonlyArray<{ readonly syscall: string; readonly madeBy: string }>;
}

/** One discovery: the running total after it, on both x axes. */
export interface DiscoveryPoint {
  readonly series: string;
  readonly name: string;
  readonly seconds: number;
  readonly units: number;
  readonly syscalls: number;
}

/** One stop-rule evaluation (time is seconds since mining started). */
export interface EstimateView {
  readonly seconds: number;
  readonly units: number;
  readonly discoveryProbability: number;
  readonly chao2: number;
}

/** A syscall the profile names with a non-allowing action (e.g. clone3 → ENOSYS). */
export interface ExplicitDenial {
  readonly name: string;
  readonly action: string;
  readonly errnoRet: number | null;
  readonly comment: string;
  readonly seen: boolean;
}

/** Everything report.html shows, already joined and counted; rendering only formats it. */
export interface ReportModel {
  readonly header: {
    readonly target: string;
    readonly image: string;
    readonly imageId: string;
    readonly seed: number;
    readonly startedAt: string;
    readonly endedAt: string;
    readonly kernel: string;
    readonly dockerVersion: string;
    readonly sandfuzzVersion: string;
    readonly guidance: string;
    readonly generator: string | null;
  };
  readonly summary: {
    readonly allowed: number;
    readonly conditional: readonly string[];
    readonly stop: StopSummary;
    readonly unitsRun: number;
    readonly miningMs: number;
    readonly enforcement: EnforcementView;
    /** Why the profile is only seccomp.partial.json (not proven); absent for a proven run. */
    readonly partialReason?: string;
    /** Each time the server died while mined: a reproducer in crashes/. */
    readonly crashes: RunReport['crashes'];
  };
  /** Series in legend order: start-up, unit families by first discovery, shutdown. */
  readonly series: readonly string[];
  readonly discovery: readonly DiscoveryPoint[];
  readonly estimates: readonly EstimateView[];
  readonly syscalls: readonly SyscallRow[];
  readonly families: ReadonlyArray<{ readonly family: string; readonly units: number; readonly found: number }>;
  readonly denials: readonly ExplicitDenial[];
  readonly docker: DockerComparison | DockerComparisonMissing;
  /** Docker's argument conditions against the mined profile (built-in ones without a default profile). */
  readonly dockerConditions: readonly ConditionComparison[];
  /** False for a report.json from before argument rules and profile warnings: both are then empty. */
  readonly argumentsRecorded: boolean;
  /** Per syscall, the argument rules written and why. */
  readonly argumentRules: readonly ArgRuleOutcome[];
  /** Dangerous things the profile still allows, as report.json lists them. */
  readonly profileWarnings: readonly ProfileWarning[];
  /** About the run itself: unnamed numbers, names seen but not allowed, a budget stop. */
  readonly warnings: readonly string[];
}

/**
 * Joins report.json, the mined profile, Docker's default profile (undefined: not found at the
 * standard path) and corpus.json into the page model. Pure.
 */
export function buildReportModel(
  report: RunReport,
  profile: SeccompProfile,
  dockerDefault: DockerDefaultInput | undefined,
  corpus: KeptCorpus | undefined,
): ReportModel {
  const docker = compareWithDockerDefault(profile, dockerDefault ?? missingDockerDefault(DOCKER_DEFAULT_PROFILE_PATH));
  const allowed = allowedSyscallDetails(profile, 'x86_64');
  const syscalls = buildSyscallRows(report, profile, docker, corpus);
  const denials = explicitDenials(profile, report);
  const discovery = report.syscalls.map((s, i) => ({
    series: seriesOf(s.foundBy),
    name: s.abi === 'x86_64' ? s.name : `${s.abi}:${s.name}`,
    seconds: s.firstSeenMs / 1000,
    units: report.curve[i]?.units ?? 0,
    syscalls: i + 1,
  }));
  const families = [...new Set(discovery.map((d) => d.series))];
  const series = [
    ...families.filter((f) => f === 'start-up'),
    ...families.filter((f) => f !== 'start-up' && f !== 'shutdown'),
    ...families.filter((f) => f === 'shutdown'),
  ];
  const found = new Map<string, number>();
  for (const d of discovery) found.set(d.series, (found.get(d.series) ?? 0) + 1);
  return {
    header: {
      target: report.target,
      image: report.image,
      imageId: report.imageId,
      seed: report.seed,
      startedAt: report.startedAt,
      endedAt: report.endedAt,
      kernel: report.kernel,
      dockerVersion: report.dockerVersion,
      sandfuzzVersion: String(report.sandfuzzVersion ?? ''),
      guidance: report.guidance,
      generator: corpus?.generator || null,
    },
    summary: {
      allowed: allowed.allowed.length,
      conditional: allowed.conditional,
      stop: report.stop,
      unitsRun: report.unitsRun,
      miningMs: report.miningMs,
      enforcement: enforcementView(report),
      ...(report.partial ? { partialReason: report.partialReason ?? 'not proven' } : {}),
      // Reports written before crashes were recorded have none.
      crashes: report.crashes ?? [],
    },
    series,
    discovery,
    estimates: report.estimateCurve.map((e) => ({
      seconds: e.ms / 1000,
      units: e.units,
      discoveryProbability: e.discoveryProbability,
      chao2: e.chao2,
    })),
    syscalls,
    families: Object.entries(report.families).map(([family, units]) => ({ family, units, found: found.get(family) ?? 0 })),
    denials,
    docker,
    dockerConditions: compareDockerConditions(profile, dockerDefault && 'profile' in dockerDefault ? dockerDefault.profile : undefined),
    // report.json from before argument rules has neither key (parseRunReport leaves them absent).
    argumentsRecorded: report.argumentRules !== undefined || report.warnings !== undefined,
    argumentRules: report.argumentRules ?? [],
    profileWarnings: report.warnings ?? [],
    warnings: warnings(report, syscalls, denials),
  };
}

function enforcementView(report: RunReport): EnforcementView {
  const e = report.enforcement;
  if ('skipped' in e) return { status: 'skipped', replayed: null, problems: [], wouldBlock: [] };
  return {
    status: e.ok ? 'passed' : 'failed',
    replayed: e.replayed,
    problems: e.problems,
    wouldBlock: e.wouldBlock.map((w) => ({ syscall: w.syscall, madeBy: w.madeBy })),
  };
}

function explicitDenials(profile: SeccompProfile, report: RunReport): ExplicitDenial[] {
  const seen = new Set(report.syscalls.map((s) => s.name));
  return profile.syscalls
    .filter((r) => !isPermissive(r.action))
    .flatMap((r) =>
      r.names.map((name) => ({
        name,
        action: r.action,
        errnoRet: r.errnoRet ?? null,
        comment: r.comment ?? '',
        seen: seen.has(name),
      })),
    );
}

function warnings(report: RunReport, rows: readonly SyscallRow[], denials: readonly ExplicitDenial[]): string[] {
  const out: string[] = [];
  if (report.unnamed.length > 0) {
    const list = report.unnamed.map((u) => `${u.abi}:${u.nr}`).join(', ');
    out.push(`${report.unnamed.length} syscall number(s) the tables cannot name were seen and are not allowed: ${list}.`);
  }
  // Explicit denials (clone3 → ENOSYS) are deliberate and listed in their own section.
  const allowedNames = new Set(rows.map((r) => `${r.abi}:${r.name}`));
  const denied = new Set(denials.map((d) => d.name));
  const missing = report.syscalls.filter((s) => !allowedNames.has(`${s.abi}:${s.name}`) && !denied.has(s.name));
  if (missing.length > 0) {
    out.push(`Seen during mining but not allowed by the profile: ${missing.map((s) => s.name).join(', ')}.`);
  }
  if (!report.stop.saturated) {
    out.push('Mining ran out of budget before discovery saturated: the profile may miss rarely used code paths.');
  }
  return out;
}
