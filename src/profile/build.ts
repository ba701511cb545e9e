import { ProfileBuildError } from '../errors.js';
import { ABIS, type Abi, compareNames, isAbi, isKnownSyscall, SECCOMP_ARCH, SYSCALL_TABLE_SOURCE } from '../syscalls/index.js';
import type { Provenance, ProvenanceInput, SeccompProfile, SeccompRule } from './seccomp.js';

/** EPERM: what a blocked syscall returns, as in Docker's default profile. */
export const EPERM = 1;
/** ENOSYS on x86: the only clone3 error glibc >= 2.34 answers by falling back to clone. */
export const ENOSYS = 38;

/**
 * CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET (linux/sched.h), the
 * mask Docker's default profile applies to clone arg 0 (2114060288 in default.json).
 */
export const CLONE_NAMESPACE_MASK = 0x7e020000;
const NS_MASK = BigInt(CLONE_NAMESPACE_MASK);
const U64_MAX = (1n << 64n) - 1n;

/** One distinct syscall seen in the container. */
export interface Observation {
  readonly abi: Abi;
  readonly name: string;
}

/** Everything buildProfile needs. */
export interface BuildInput {
  readonly observed: readonly Observation[];
  /** Every clone(2) flags value seen (arg 0); omit when the tracer did not record them. */
  readonly cloneFlags?: readonly bigint[] | readonly number[];
  readonly provenance: ProvenanceInput;
}

/** Builds an allow-list profile from observed syscalls; same observations in any order → same profile. */
export function buildProfile(input: BuildInput): SeccompProfile {
  if (input.observed.length === 0) {
    throw new ProfileBuildError('no syscalls observed: refusing to build a profile that blocks everything');
  }
  const abis = new Set<Abi>();
  const names = new Set<string>();
  for (const { abi, name } of input.observed) {
    if (!isAbi(abi)) throw new ProfileBuildError(`unknown ABI ${JSON.stringify(abi)} for syscall ${JSON.stringify(name)}`);
    // A profile never names a syscall the tables do not know: that would be a tracer/table mismatch.
    if (!isKnownSyscall(name, abi)) throw new ProfileBuildError(`unknown syscall ${JSON.stringify(name)} on ABI ${abi}`);
    abis.add(abi);
    names.add(name);
  }

  // clone3 is always answered ENOSYS (rule below), so glibc retries with clone: clone must be allowed.
  if (names.delete('clone3')) names.add('clone');
  const maskClone = names.delete('clone') ? cloneNeedsNoNamespaces(input.cloneFlags) : undefined;
  if (maskClone === false) names.add('clone');

  const syscalls: SeccompRule[] = [];
  if (names.size > 0) syscalls.push({ names: [...names].sort(compareNames), action: 'SCMP_ACT_ALLOW' });
  if (maskClone === true) syscalls.push(maskedCloneRule());
  syscalls.push({
    names: ['clone3'],
    action: 'SCMP_ACT_ERRNO',
    errnoRet: ENOSYS,
    comment: 'ENOSYS so glibc falls back to clone: clone3 flags live in a struct seccomp cannot inspect',
  });

  return {
    defaultAction: 'SCMP_ACT_ERRNO',
    defaultErrnoRet: EPERM,
    architectures: ABIS.filter((abi) => abis.has(abi)).map((abi) => SECCOMP_ARCH[abi]),
    syscalls,
    sandfuzz: provenanceOf(input.provenance, abis),
  };
}

/**
 * Whether clone may be restricted to "no namespace flags". True when every recorded value is free
 * of namespace bits, and also when no flags were recorded at all: Docker's default profile already
 * imposes this very condition on every container without CAP_SYS_ADMIN (and without it the kernel
 * refuses all CLONE_NEW* but NEWUSER anyway), so a workload that needs namespace-creating clone is
 * exceptional; the masked rule mainly closes unprivileged user-namespace creation, a large kernel
 * attack surface. If a mined container does need it, enforcement replay shows the failure.
 */
function cloneNeedsNoNamespaces(flags: readonly bigint[] | readonly number[] | undefined): boolean {
  if (flags === undefined) return true;
  return flags.every((value: bigint | number) => (toU64(value) & NS_MASK) === 0n);
}

function toU64(value: bigint | number): bigint {
  const big = typeof value === 'bigint' ? value : Number.isSafeInteger(value) ? BigInt(value) : -1n;
  if (big < 0n || big > U64_MAX) throw new ProfileBuildError(`invalid clone flags value ${String(value)}: expected an unsigned 64-bit integer`);
  return big;
}

function maskedCloneRule(): SeccompRule {
  return {
    names: ['clone'],
    action: 'SCMP_ACT_ALLOW',
    args: [{ index: 0, value: CLONE_NAMESPACE_MASK, valueTwo: 0, op: 'SCMP_CMP_MASKED_EQ' }],
    comment: 'clone without namespace flags (CLONE_NEW*), as in Docker\'s default profile',
  };
}

function provenanceOf(input: ProvenanceInput, abis: ReadonlySet<Abi>): Provenance {
  const tables = ABIS.filter((abi) => abis.has(abi)).map((abi) => `${abi}: linux-libc-dev ${SYSCALL_TABLE_SOURCE[abi].linuxLibcDev}`);
  return { syscallTables: tables, ...input, tool: 'sandfuzz' };
}
