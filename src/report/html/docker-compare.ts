import { allowedSyscallDetails } from '../../profile/diff.js';
import type { SeccompProfile } from '../../profile/seccomp.js';
import { SYSCALL_CATEGORIES, syscallCategory, type SyscallCategory } from '../../syscalls/categories.js';
import { HIGH_RISK_SYSCALLS, type HighRiskSyscall } from '../../syscalls/high-risk.js';
import { compareNames } from '../../syscalls/index.js';
import { DOCKER_DEFAULT_PACKAGE, type DockerDefaultInput } from './inputs.js';

/** How Docker's default profile treats one syscall name. */
export type DockerVerdict = 'allowed' | 'conditional' | 'blocked';

/** The mined profile against Docker's default profile, x86_64 names, Docker's default capabilities. */
export interface DockerComparison {
  readonly available: true;
  readonly path: string;
  readonly packageVersion: string | undefined;
  readonly defaultAllowed: number;
  readonly minedAllowed: number;
  /** Allowed by Docker's default, not by the mined profile. */
  readonly removed: readonly string[];
  readonly removedByCategory: Readonly<Record<SyscallCategory, number>>;
  readonly removedHighRisk: readonly HighRiskSyscall[];
  /** High-risk names neither profile allows. */
  readonly highRiskBlockedByBoth: readonly string[];
  /** High-risk names the mined profile still allows. */
  readonly highRiskKept: readonly HighRiskSyscall[];
  /** Allowed by the mined profile but blocked by Docker's default: the container needs them. */
  readonly neededButBlocked: readonly string[];
  /** Allowed by the mined profile, allowed by Docker's default only under argument conditions. */
  readonly neededConditional: readonly string[];
  /** Docker's verdict for every name either profile allows. */
  readonly verdicts: Readonly<Record<string, DockerVerdict>>;
}

/** Why no comparison could be made. */
export interface DockerComparisonMissing {
  readonly available: false;
  readonly path: string;
  readonly problem: string;
}

/** Compares the mined profile's x86_64 allow-list with Docker's default. Pure. */
export function compareWithDockerDefault(mined: SeccompProfile, dockerDefault: DockerDefaultInput): DockerComparison | DockerComparisonMissing {
  if ('problem' in dockerDefault) return { available: false, path: dockerDefault.path, problem: dockerDefault.problem };
  const m = allowedSyscallDetails(mined, 'x86_64');
  // Docker's default capability set and no kernel filter: what a plain `docker run` allows.
  const d = allowedSyscallDetails(dockerDefault.profile, 'x86_64');
  const inMined = new Set(m.allowed);
  const inDefault = new Set(d.allowed);
  const conditional = new Set(d.conditional);
  const removed = d.allowed.filter((n) => !inMined.has(n));
  const removedSet = new Set(removed);
  const byCategory = Object.fromEntries(SYSCALL_CATEGORIES.map((c) => [c, 0])) as Record<SyscallCategory, number>;
  for (const n of removed) {
    const c = syscallCategory(n);
    if (c) byCategory[c]++;
  }
  return {
    available: true,
    path: dockerDefault.path,
    packageVersion: dockerDefault.packageVersion,
    defaultAllowed: d.allowed.length,
    minedAllowed: m.allowed.length,
    removed,
    removedByCategory: byCategory,
    removedHighRisk: HIGH_RISK_SYSCALLS.filter((h) => removedSet.has(h.name)),
    highRiskBlockedByBoth: HIGH_RISK_SYSCALLS.filter((h) => !inDefault.has(h.name) && !inMined.has(h.name)).map((h) => h.name),
    highRiskKept: HIGH_RISK_SYSCALLS.filter((h) => inMined.has(h.name)),
    neededButBlocked: m.allowed.filter((n) => !inDefault.has(n)).sort(compareNames),
    neededConditional: m.allowed.filter((n) => conditional.has(n)),
    verdicts: Object.fromEntries(
      [...new Set([...m.allowed, ...d.allowed])].map(
        (n) => [n, conditional.has(n) ? 'conditional' : inDefault.has(n) ? 'allowed' : 'blocked'] as const,
      ),
    ),
  };
}

/** The message for a missing default profile file. */
export function missingDockerDefault(path: string): DockerDefaultInput {
  return { path, problem: `not found; install the Debian package ${DOCKER_DEFAULT_PACKAGE} to compare` };
}
