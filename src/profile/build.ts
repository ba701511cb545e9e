import { ProfileBuildError } from '../shared/errors.js';
import { ABIS, type Abi, compareNames, isAbi, isKnownSyscall, SECCOMP_ARCH, SYSCALL_TABLE_SOURCE } from '../syscalls/index.js';
import { type ArgRuleOutcome, type ArgsMode, type ArgumentEvidence, argumentRules, DOCKER_FLOOR, rulesOf, staysPlain } from './args/index.js';
import type { Provenance, ProvenanceInput, SeccompProfile, SeccompRule } from './seccomp.js';

export { CLONE_NAMESPACE_MASK } from './args/index.js';

/** EPERM: what a blocked syscall returns, as in Docker's default profile. */
export const EPERM = 1;
/** ENOSYS on x86: the only clone3 error glibc >= 2.34 answers by falling back to clone. */
export const ENOSYS = 38;

/** One distinct syscall seen in the container. */
export interface Observation {
  readonly abi: Abi;
  readonly name: string;
}

/** Everything buildProfile needs. */
export interface BuildInput {
  readonly observed: readonly Observation[];
  /**
   * Argument values the tracer recorded. Without them (an old trace, a hand-made list) only
   * Docker's own argument conditions apply, whatever `args` says.
   */
  readonly arguments?: readonly ArgumentEvidence[];
  /** Every clone(2) flags value seen (arg 0), for callers that record nothing else. */
  readonly cloneFlags?: readonly bigint[] | readonly number[];
  /** How argument rules are chosen (default 'mined'). */
  readonly args?: ArgsMode;
  readonly provenance: ProvenanceInput;
}

/** A profile and what its argument rules are, and why (for the report). */
export interface BuiltProfile {
  readonly profile: SeccompProfile;
  readonly argumentRules: readonly ArgRuleOutcome[];
}

/** Builds an allow-list profile from observed syscalls; same observations in any order → same profile. */
export function buildProfile(input: BuildInput): SeccompProfile {
  return buildProfileWithRules(input).profile;
}

export function buildProfileWithRules(input: BuildInput): BuiltProfile {
  if (input.observed.length === 0) {
    throw new ProfileBuildError('no syscalls observed: refusing to build a profile that blocks everything');
  }
  const abis = new Set<Abi>();
  const names = new Set<string>();
  const foreign = new Set<string>();
  for (const { abi, name } of input.observed) {
    if (!isAbi(abi)) throw new ProfileBuildError(`unknown ABI ${JSON.stringify(abi)} for syscall ${JSON.stringify(name)}`);
    // A profile never names a syscall the tables do not know: that would be a tracer/table mismatch.
    if (!isKnownSyscall(name, abi)) throw new ProfileBuildError(`unknown syscall ${JSON.stringify(name)} on ABI ${abi}`);
    abis.add(abi);
    names.add(name);
    if (abi !== 'x86_64') foreign.add(name);
  }

  // clone3 is always answered ENOSYS (rule below), so glibc retries with clone: clone must be allowed.
  if (names.delete('clone3')) names.add('clone');
  // socketcall hides socket()'s family behind a pointer: as in Docker's default, ENOSYS.
  const socketcall = names.delete('socketcall');

  const evidence = input.arguments ?? cloneEvidence(input.cloneFlags);
  const mode: ArgsMode = input.arguments === undefined ? 'docker' : (input.args ?? 'mined');
  const outcomes = argumentRules(names, evidence, mode, foreign);
  for (const o of outcomes) if (!staysPlain(o)) names.delete(o.syscall);

  const syscalls: SeccompRule[] = [];
  if (names.size > 0) syscalls.push({ names: [...names].sort(compareNames), action: 'SCMP_ACT_ALLOW' });
  syscalls.push(...rulesOf(outcomes));
  syscalls.push({
    names: ['clone3'],
    action: 'SCMP_ACT_ERRNO',
    errnoRet: ENOSYS,
    comment: 'ENOSYS so glibc falls back to clone: clone3 flags live in a struct seccomp cannot inspect',
  });
  if (socketcall) {
    syscalls.push({
      names: ['socketcall'],
      action: 'SCMP_ACT_ERRNO',
      errnoRet: DOCKER_FLOOR.socketcallErrno,
      comment: "ENOSYS as in Docker's default: socketcall's arguments sit behind a pointer, so its socket family cannot be checked",
    });
  }

  const profile: SeccompProfile = {
    defaultAction: 'SCMP_ACT_ERRNO',
    defaultErrnoRet: EPERM,
    architectures: ABIS.filter((abi) => abis.has(abi)).map((abi) => SECCOMP_ARCH[abi]),
    syscalls,
    sandfuzz: provenanceOf(input.provenance, abis, mode),
  };
  return { profile, argumentRules: outcomes };
}

/** clone flags alone, as evidence (callers from before argument capture). */
function cloneEvidence(flags: readonly bigint[] | readonly number[] | undefined): ArgumentEvidence[] {
  return (flags ?? []).map((f: bigint | number) => ({ syscall: 'clone', values: [toU64(f)], units: [], startup: true, shutdown: false }));
}

/** The low 32 bits of an unsigned 64-bit flags value: clone(2) ignores the rest, and CLONE_NEW* live there. */
function toU64(value: bigint | number): number {
  const big = typeof value === 'bigint' ? value : Number.isSafeInteger(value) ? BigInt(value) : -1n;
  if (big < 0n || big >= 1n << 64n) throw new ProfileBuildError(`invalid clone flags value ${String(value)}: expected an unsigned 64-bit integer`);
  return Number(big & 0xffffffffn);
}

function provenanceOf(input: ProvenanceInput, abis: ReadonlySet<Abi>, mode: ArgsMode): Provenance {
  const tables = ABIS.filter((abi) => abis.has(abi)).map((abi) => `${abi}: linux-libc-dev ${SYSCALL_TABLE_SOURCE[abi].linuxLibcDev}`);
  return { syscallTables: tables, argumentRules: mode, ...input, tool: 'sandfuzz' };
}
