import { join } from 'node:path';
import type { MiningResult } from '../engine/mine.js';
import type { EnforcementResult } from '../engine/replay-check.js';
import type { UnitRecord } from '../engine/session.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { buildProfile, type Observation } from '../profile/build.js';
import { PROFILE_FORMATS, type ProfileFormatName } from '../profile/formats/index.js';
import type { ProvenanceInput, SeccompProfile } from '../profile/seccomp.js';
import { serializeProfile } from '../profile/serialize.js';
import { isAbi, isKnownSyscall, syscallName } from '../syscalls/index.js';
import { RUNTIME_BASE_SYSCALLS } from '../profile/runtime-base.js';

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
    if (b.unit === undefined || !indices.has(b.unit)) return [];
    const [abi, name] = b.syscall.split(':') as [string, string];
    // Numbers without a name come as abi:<number> and stay out, like everywhere else.
    return isAbi(abi) && isKnownSyscall(name, abi) ? [{ abi, name }] : [];
  });
}

export function profileOf(observed: readonly Observation[], result: MiningResult, provenance: ProvenanceInput): { profile: SeccompProfile; json: string } {
  const profile = buildProfile({ observed, cloneFlags: result.trace.cloneFlags(), provenance });
  return { profile, json: serializeProfile(profile) };
}

/** Writes seccomp.json and, for another --format, the same profile in that format beside it. */
export async function writeProfileFiles(
  outDir: string,
  profile: SeccompProfile,
  json: string,
  format: ProfileFormatName,
): Promise<{ profilePath: string; formatPath?: string }> {
  const profilePath = join(outDir, 'seccomp.json');
  await writeFileAtomic(profilePath, json);
  if (format === 'docker') return { profilePath };
  const formatPath = join(outDir, `seccomp${PROFILE_FORMATS[format].extension}`);
  await writeFileAtomic(formatPath, PROFILE_FORMATS[format].render(profile));
  return { profilePath, formatPath };
}
