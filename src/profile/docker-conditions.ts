import { socketFamilyName } from '../syscalls/arg-names.js';
import { compareNames, type Abi } from '../syscalls/index.js';
import { CLONE_NAMESPACE_MASK, DOCKER_FLOOR } from './args/index.js';
import { describeRule } from './compare.js';
import { boundaryProbes, knownProbes, type Probe } from './condition-probes.js';
import { allowedSyscallDetails } from './diff.js';
import { evaluateCall } from './evaluate.js';
import { isPermissive, type SeccompProfile, type SeccompRule } from './seccomp.js';

/**
 * What the mined profile does with one of Docker's argument conditions. `keeps`: the same answer
 * for every probed call. `tightens`: it allows only calls Docker allows, and refuses some Docker
 * allows. `lacks`: it allows a call Docker's condition refuses. `not-allowed`: it does not allow
 * the syscall at all.
 */
export type ConditionVerdict = 'keeps' | 'tightens' | 'lacks' | 'not-allowed';

/** One of Docker's argument conditions against the mined profile. */
export interface ConditionComparison {
  readonly syscall: string;
  readonly abi: Abi;
  /** Docker's condition in words. */
  readonly condition: string;
  /** Where the condition comes from: the given default profile, or Docker 29's built-in floor. */
  readonly source: 'default profile' | 'Docker 29';
  readonly verdict: ConditionVerdict;
  /** How many calls were put to both profiles. */
  readonly probed: number;
  readonly dockerAllows: number;
  /** Probed calls the mined profile allows. */
  readonly minedAllows: readonly string[];
  /** Allowed by the mined profile, refused by Docker's condition. */
  readonly opened: readonly string[];
  /** Allowed by Docker's condition, refused by the mined profile. */
  readonly narrowed: readonly string[];
}

interface DockerCondition {
  readonly syscall: string;
  readonly abi: Abi;
  readonly condition: string;
  readonly source: ConditionComparison['source'];
  /** Docker's side: a profile whose rules for the name are Docker's condition. */
  readonly docker: SeccompProfile;
}

const REFUSE_BY_DEFAULT = { defaultAction: 'SCMP_ACT_ERRNO' } as const;

/**
 * The conditions every sandfuzz profile is meant to keep (DOCKER_FLOOR and clone's namespace
 * mask, from Docker 29), replaced per syscall by the given default profile's own argument rules.
 */
const BUILT_IN: readonly DockerCondition[] = [
  {
    syscall: 'clone',
    abi: 'x86_64',
    source: 'Docker 29',
    condition: `flags without CLONE_NEW* (arg0 & 0x${CLONE_NAMESPACE_MASK.toString(16)} == 0)`,
    docker: {
      ...REFUSE_BY_DEFAULT,
      syscalls: [
        { names: ['clone'], action: 'SCMP_ACT_ALLOW', args: [{ index: 0, value: CLONE_NAMESPACE_MASK, valueTwo: 0, op: 'SCMP_CMP_MASKED_EQ' }] },
      ],
    },
  },
  {
    syscall: 'personality',
    abi: 'x86_64',
    source: 'Docker 29',
    condition: `only personas ${DOCKER_FLOOR.personalities.map((p) => `0x${p.toString(16)}`).join(', ')}`,
    docker: {
      ...REFUSE_BY_DEFAULT,
      syscalls: DOCKER_FLOOR.personalities.map((p) => ({
        names: ['personality'],
        action: 'SCMP_ACT_ALLOW' as const,
        args: [{ index: 0, value: p, op: 'SCMP_CMP_EQ' as const }],
      })),
    },
  },
  {
    syscall: 'socket',
    abi: 'x86_64',
    source: 'Docker 29',
    condition: `every family but ${DOCKER_FLOOR.refusedSocketFamilies.map((f) => `${socketFamilyName(f)} (${f})`).join(' and ')}`,
    docker: {
      ...REFUSE_BY_DEFAULT,
      syscalls: DOCKER_FLOOR.socketRules.map((args) => ({ names: ['socket'], action: 'SCMP_ACT_ALLOW' as const, args })),
    },
  },
  {
    // socketcall hides socket(2)'s family behind a pointer seccomp cannot read: refused outright.
    syscall: 'socketcall',
    abi: 'i386',
    source: 'Docker 29',
    condition: `refused with ENOSYS (${DOCKER_FLOOR.socketcallErrno}): its socket family cannot be checked`,
    docker: { ...REFUSE_BY_DEFAULT, syscalls: [{ names: ['socketcall'], action: 'SCMP_ACT_ERRNO', errnoRet: DOCKER_FLOOR.socketcallErrno }] },
  },
];

/**
 * For each of Docker's argument conditions, whether the mined profile keeps, tightens or lacks
 * it, decided by evaluating the same calls under both (evaluateCall: libseccomp's semantics as
 * runc applies them). Without `dockerDefault`, the built-in conditions only. Pure.
 */
export function compareDockerConditions(mined: SeccompProfile, dockerDefault?: SeccompProfile): ConditionComparison[] {
  const fromFile = dockerDefault ? fileConditions(asOnDockerRun(dockerDefault)) : [];
  const overridden = new Set(fromFile.map((c) => c.syscall));
  const conditions = [...BUILT_IN.filter((c) => !overridden.has(c.syscall)), ...fromFile].sort((a, b) => compareNames(a.syscall, b.syscall));
  // Resolved too: evaluateCall ignores includes/excludes, and the "mined" side may be any profile.
  const resolvedMined = asOnDockerRun(mined);
  return conditions.map((c) => compareOne(resolvedMined, c));
}

function compareOne(mined: SeccompProfile, c: DockerCondition): ConditionComparison {
  const rulesFor = (p: SeccompProfile): SeccompRule[] => p.syscalls.filter((r) => r.names.includes(c.syscall));
  const probes = unique([...knownProbes(c.syscall), ...boundaryProbes(c.syscall, [...rulesFor(c.docker), ...rulesFor(mined)])]);
  const permits = (p: SeccompProfile, pr: Probe): boolean => {
    const v = evaluateCall(p, c.abi, c.syscall, pr.args);
    return v.action !== 'unknown' && isPermissive(v.action);
  };
  const minedAllows: string[] = [];
  const opened: string[] = [];
  const narrowed: string[] = [];
  let dockerAllows = 0;
  for (const pr of probes) {
    const m = permits(mined, pr);
    const d = permits(c.docker, pr);
    if (m) minedAllows.push(pr.label);
    if (d) dockerAllows++;
    if (m && !d) opened.push(pr.label);
    if (d && !m) narrowed.push(pr.label);
  }
  const named = allowedSyscallDetails(mined, c.abi).allowed.includes(c.syscall);
  const verdict: ConditionVerdict = !named ? 'not-allowed' : opened.length > 0 ? 'lacks' : narrowed.length > 0 ? 'tightens' : 'keeps';
  return {
    syscall: c.syscall,
    abi: c.abi,
    condition: c.condition,
    source: c.source,
    verdict,
    probed: probes.length,
    dockerAllows,
    minedAllows,
    opened,
    narrowed,
  };
}

/** The default profile's argument conditions: a name with a rule without conditions has none. */
function fileConditions(resolved: SeccompProfile): DockerCondition[] {
  const applying = resolved.syscalls;
  const names = [...new Set(applying.filter((r) => r.args && r.args.length > 0).flatMap((r) => r.names))];
  return names
    .filter((n) => !applying.some((r) => r.names.includes(n) && isPermissive(r.action) && !(r.args && r.args.length > 0)))
    .map((syscall) => ({
      syscall,
      abi: 'x86_64' as const,
      source: 'default profile' as const,
      docker: resolved,
      condition: describeCondition(
        syscall,
        applying.filter((r) => r.names.includes(syscall)),
      ),
    }));
}

const GLOSS: Readonly<Record<string, string>> = { clone: 'flags without CLONE_NEW*', personality: "Docker's personas only" };

/** e.g. "Docker's personas only (allowed if arg0 is one of 0x0, 0x8, ...)". */
function describeCondition(syscall: string, rules: readonly SeccompRule[]): string {
  const eqs = rules.map((r) => (r.args?.length === 1 && r.args[0]!.op === 'SCMP_CMP_EQ' && isPermissive(r.action) ? r.args[0]! : undefined));
  const oneArg = eqs.every((a) => a !== undefined && a.index === eqs[0]!.index);
  const detail = oneArg
    ? `allowed if arg${eqs[0]!.index} is one of ${eqs.map((a) => `0x${a!.value.toString(16)}`).join(', ')}`
    : rules.map((r) => describeRule(r).replace(/^SCMP_ACT_ALLOW if /, 'allowed if ')).join('; ');
  return GLOSS[syscall] ? `${GLOSS[syscall]} (${detail})` : detail;
}

/** The profile as a plain `docker run` on x86_64 applies it: only the rules Docker keeps, without includes/excludes. */
function asOnDockerRun(p: SeccompProfile): SeccompProfile {
  if (!p.syscalls.some((r) => r.includes || r.excludes)) return p;
  return { ...p, syscalls: p.syscalls.filter(appliesOnDockerRun).map(({ includes: _i, excludes: _e, ...r }) => r) };
}

/**
 * Whether Docker keeps a rule for a plain `docker run` (amd64 host, default capabilities):
 * allowedSyscallDetails implements Docker's includes/excludes, so a one-rule profile asks it.
 */
function appliesOnDockerRun(rule: SeccompRule): boolean {
  return allowedSyscallDetails({ ...REFUSE_BY_DEFAULT, syscalls: [{ ...rule, action: 'SCMP_ACT_ALLOW' }] }).allowed.length > 0;
}

function unique(probes: readonly Probe[]): Probe[] {
  const seen = new Map<string, Probe>();
  for (const p of probes) {
    const key = [...p.args.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, v]) => v)
      .join(',');
    if (!seen.has(key)) seen.set(key, p);
  }
  return [...seen.values()];
}
