import { join } from 'node:path';
import type { MiningResult } from '../engine/mine.js';
import type { EnforcementResult } from '../proof/replay-check.js';
import type { UnitRecord } from '../engine/session.js';
import { argumentEvidence, miningEpochs } from '../profile/args/trace-evidence.js';
import type { ArgRuleOutcome, ArgsMode, ArgumentEvidence } from '../profile/args/index.js';
import { buildProfileWithRules, type Observation } from '../profile/build.js';
import { complainProfile } from '../profile/complain.js';
import { PROFILE_FORMATS, type ProfileFormatName } from '../profile/formats/index.js';
import type { ProvenanceInput, SeccompProfile } from '../profile/seccomp.js';
import { serializeProfile } from '../profile/serialize.js';
import { isAbi, isKnownSyscall, syscallName } from '../syscalls/index.js';
import { RUNTIME_BASE_SYSCALLS } from '../profile/runtime-base.js';
import { PROFILE_FILE, type ProvenFile } from './run-output.js';

/**
 * Every named syscall mining saw (numbers the tables cannot name are reported, never allowed),
 * plus the runtime's base set for the native ABI (see runtime-base.ts).
 */
export function minedObservations(result: MiningResult): Observation[] {
  const seen = result.firstUses.flatMap((u) => {
    const name = syscallName(u.abi, u.nr);
    return name === undefined ? [] : [{ abi: u.abi, name }];
  });
  return [...seen, ...RUNTIME_BASE_SYSCALLS.map((name) => ({ abi: 'x86_64' as const, name }))];
}

/**
 * Syscalls held-out units made that the profile does not allow. They were observed for real,
 * so the final profile allows them too; the false-positive rate is measured before that.
 */
export function holdoutAdditions(check: EnforcementResult, heldOut: readonly UnitRecord[]): Observation[] {
  const indices = new Set(heldOut.map((u) => u.index));
  return check.wouldBlock.flatMap((b) => {
    if (b.unit === undefined || !indices.has(b.unit) || b.argument !== undefined) return [];
    const [abi, name] = b.syscall.split(':') as [string, string];
    // Numbers without a name come as abi:<number> and stay out, like everywhere else.
    return isAbi(abi) && isKnownSyscall(name, abi) ? [{ abi, name }] : [];
  });
}

/** The argument values mining recorded, as evidence: which units used each. */
export function minedEvidence(result: MiningResult): ArgumentEvidence[] {
  return argumentEvidence(result.trace.argumentUses(), miningEpochs(result.records, result.stopEpoch));
}

export interface ProfileOutput {
  readonly profile: SeccompProfile;
  readonly json: string;
  readonly argumentRules: readonly ArgRuleOutcome[];
}

/** Argument values held-out units needed that the profile refused: real observations, added like syscalls. */
export function holdoutArgumentAdditions(check: EnforcementResult, heldOut: readonly UnitRecord[]): ArgumentEvidence[] {
  const indices = new Set(heldOut.map((u) => u.index));
  return check.wouldBlock.flatMap((b) => {
    if (b.values === undefined || b.unit === undefined || !indices.has(b.unit)) return [];
    return [{ syscall: b.syscall.slice(b.syscall.indexOf(':') + 1), values: b.values, units: [b.unit], startup: false, shutdown: false }];
  });
}

export function profileOf(
  observed: readonly Observation[],
  evidence: readonly ArgumentEvidence[],
  args: ArgsMode,
  provenance: ProvenanceInput,
): ProfileOutput {
  const { profile, argumentRules } = buildProfileWithRules({ observed, arguments: evidence, args, provenance });
  return { profile, json: serializeProfile(profile), argumentRules };
}

export interface ProfilePaths {
  readonly profilePath: string;
  readonly formatPath?: string;
  /** The complain-mode twin (--complain): same rules, SCMP_ACT_LOG instead of blocking. */
  readonly complainPath?: string;
}

/**
 * The files that go beside seccomp.json once the profile is proven: for another --format, the
 * same profile in that format; with `complain`, seccomp.complain.json (and its --format twin).
 * Pure: RunOutput writes them, in an order that keeps a half-written set from looking complete.
 */
export function companionFiles(
  outDir: string,
  profile: SeccompProfile,
  options: { readonly format: ProfileFormatName; readonly complain: boolean },
): { files: ProvenFile[]; paths: ProfilePaths } {
  const files: ProvenFile[] = [];
  const format = PROFILE_FORMATS[options.format];
  const formatName = options.format === 'docker' ? undefined : `seccomp${format.extension}`;
  if (formatName) files.push({ name: formatName, text: format.render(profile) });
  let complainPath: string | undefined;
  if (options.complain) {
    const complain = complainProfile(profile);
    files.push({ name: 'seccomp.complain.json', text: serializeProfile(complain) });
    complainPath = join(outDir, 'seccomp.complain.json');
    if (formatName) files.push({ name: `seccomp.complain${format.extension}`, text: format.render(complain) });
  }
  const paths = {
    profilePath: join(outDir, PROFILE_FILE),
    ...(formatName ? { formatPath: join(outDir, formatName) } : {}),
    ...(complainPath ? { complainPath } : {}),
  };
  return { files, paths };
}
