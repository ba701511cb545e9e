/**
 * Types for the seccomp profile JSON that `docker run --security-opt seccomp=FILE` accepts: the
 * OCI runtime-spec `linux.seccomp` object plus Docker's extensions (archMap, comment,
 * includes/excludes, legacy per-rule `name`), plus sandfuzz's own `sandfuzz` provenance key.
 *
 * Docker decodes the file with Go's encoding/json into its `Seccomp` struct
 * (profiles/seccomp/seccomp.go), which ignores unknown keys, so the extra `sandfuzz` key is safe.
 * Docker 20.10's struct has no `defaultErrnoRet` field either: it is dropped, and runc falls
 * back to EPERM for SCMP_ACT_ERRNO, which is the value we write anyway.
 */

/** Every seccomp action the OCI spec defines. */
export const SECCOMP_ACTIONS = [
  'SCMP_ACT_KILL',
  'SCMP_ACT_KILL_PROCESS',
  'SCMP_ACT_KILL_THREAD',
  'SCMP_ACT_TRAP',
  'SCMP_ACT_ERRNO',
  'SCMP_ACT_TRACE',
  'SCMP_ACT_ALLOW',
  'SCMP_ACT_LOG',
  'SCMP_ACT_NOTIFY',
] as const;

/** A seccomp action name. */
export type SeccompAction = (typeof SECCOMP_ACTIONS)[number];

/** Every argument comparison operator the OCI spec defines. */
export const SECCOMP_OPERATORS = [
  'SCMP_CMP_NE',
  'SCMP_CMP_LT',
  'SCMP_CMP_LE',
  'SCMP_CMP_EQ',
  'SCMP_CMP_GE',
  'SCMP_CMP_GT',
  'SCMP_CMP_MASKED_EQ',
] as const;

/** An argument comparison operator. */
export type SeccompOperator = (typeof SECCOMP_OPERATORS)[number];

/** Every libseccomp architecture token the OCI spec lists. */
export const SECCOMP_ARCHES = [
  'SCMP_ARCH_X86',
  'SCMP_ARCH_X86_64',
  'SCMP_ARCH_X32',
  'SCMP_ARCH_ARM',
  'SCMP_ARCH_AARCH64',
  'SCMP_ARCH_MIPS',
  'SCMP_ARCH_MIPS64',
  'SCMP_ARCH_MIPS64N32',
  'SCMP_ARCH_MIPSEL',
  'SCMP_ARCH_MIPSEL64',
  'SCMP_ARCH_MIPSEL64N32',
  'SCMP_ARCH_PPC',
  'SCMP_ARCH_PPC64',
  'SCMP_ARCH_PPC64LE',
  'SCMP_ARCH_S390',
  'SCMP_ARCH_S390X',
  'SCMP_ARCH_PARISC',
  'SCMP_ARCH_PARISC64',
  'SCMP_ARCH_RISCV64',
  'SCMP_ARCH_LOONGARCH64',
] as const;

/** A libseccomp architecture token. */
export type SeccompArch = (typeof SECCOMP_ARCHES)[number];

/** A JSON value, for the free-form provenance record. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** One argument condition: for MASKED_EQ, `(arg & value) == valueTwo`. */
export interface SeccompArg {
  readonly index: number;
  readonly value: number;
  readonly valueTwo?: number;
  readonly op: SeccompOperator;
}

/** Docker's rule filter: capabilities, host arches (Go/libseccomp names like "amd64"), min kernel. */
export interface SeccompFilter {
  readonly caps?: readonly string[];
  readonly arches?: readonly string[];
  readonly minKernel?: string;
}

/** One entry of `syscalls`. Parsed legacy `name` rules are normalised into `names`. */
export interface SeccompRule {
  readonly names: readonly string[];
  readonly action: SeccompAction;
  readonly errnoRet?: number;
  readonly args?: readonly SeccompArg[];
  readonly comment?: string;
  readonly includes?: SeccompFilter;
  readonly excludes?: SeccompFilter;
}

/** Docker's archMap entry: a native arch and the sub-arches enabled with it. */
export interface SeccompArchMapEntry {
  readonly architecture: SeccompArch;
  readonly subArchitectures: readonly SeccompArch[];
}

/** What the caller knows about a run (target, image, workloads...); free-form beyond `version`. */
export interface ProvenanceInput {
  /** sandfuzz version that produced the profile. */
  readonly version: string;
  readonly [key: string]: JsonValue;
}

/** The provenance record stored in a profile under the `sandfuzz` key. */
export interface Provenance extends ProvenanceInput {
  /** Always "sandfuzz": marks the profile as machine-mined. */
  readonly tool: 'sandfuzz';
}

/** A seccomp profile as Docker reads it. */
export interface SeccompProfile {
  readonly defaultAction: SeccompAction;
  readonly defaultErrnoRet?: number;
  readonly architectures?: readonly SeccompArch[];
  readonly archMap?: readonly SeccompArchMapEntry[];
  readonly flags?: readonly string[];
  readonly syscalls: readonly SeccompRule[];
  /** sandfuzz provenance; ignored by Docker, podman and containerd (Go's json skips unknown keys). */
  readonly sandfuzz?: Provenance;
}

/** Actions under which a syscall runs (LOG runs it and logs). */
export function isPermissive(action: SeccompAction): boolean {
  return action === 'SCMP_ACT_ALLOW' || action === 'SCMP_ACT_LOG';
}
