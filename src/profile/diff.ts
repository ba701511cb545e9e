import { ABIS, type Abi, allSyscallNames, compareNames, isKnownSyscall, SECCOMP_ARCH } from '../syscalls/index.js';
import { isPermissive, type SeccompFilter, type SeccompProfile, type SeccompRule } from './seccomp.js';

/** Docker's default container capability set (oci/caps/defaults.go), used for `includes.caps`. */
export const DOCKER_DEFAULT_CAPS: readonly string[] = Object.freeze([
  'CAP_CHOWN',
  'CAP_DAC_OVERRIDE',
  'CAP_FSETID',
  'CAP_FOWNER',
  'CAP_MKNOD',
  'CAP_NET_RAW',
  'CAP_SETGID',
  'CAP_SETUID',
  'CAP_SETFCAP',
  'CAP_SETPCAP',
  'CAP_NET_BIND_SERVICE',
  'CAP_SYS_CHROOT',
  'CAP_KILL',
  'CAP_AUDIT_WRITE',
]);

// Docker evaluates includes/excludes.arches against the host's arch, never the syscall's ABI;
// sandfuzz runs on x86_64 hosts only.
const HOST_ARCH = 'amd64';
const HOST_SECCOMP_ARCH = SECCOMP_ARCH.x86_64;

/** How to evaluate Docker's conditional rules. */
export interface AllowedOptions {
  /** The container's bounding capabilities (default: Docker's default set). */
  readonly capabilities?: readonly string[];
  /** Host kernel "major.minor" for minKernel filters (default: assume new enough for all). */
  readonly kernel?: string;
}

/** Allowed names, and the subset allowed only under argument conditions. */
export interface AllowedDetails {
  readonly allowed: readonly string[];
  readonly conditional: readonly string[];
}

/** Names allowed by one profile but not the other (arg conditions ignored, but reported). */
export interface ProfileDiff {
  readonly onlyInA: readonly string[];
  readonly onlyInB: readonly string[];
  /** Names A allows only under argument conditions. */
  readonly conditionalInA: readonly string[];
  readonly conditionalInB: readonly string[];
}

/**
 * Syscalls the profile lets run (rules with SCMP_ACT_ALLOW or SCMP_ACT_LOG), sorted. With `abi`,
 * only names that exist on that ABI, and none if the profile does not enable its architecture.
 * defaultAction is not expanded: a SCMP_ACT_ALLOW default still yields only the listed names.
 */
export function allowedSyscalls(profile: SeccompProfile, abi?: Abi, options: AllowedOptions = {}): string[] {
  return [...allowedSyscallDetails(profile, abi, options).allowed];
}

/** Like allowedSyscalls, also telling which names are allowed only under argument conditions. */
export function allowedSyscallDetails(profile: SeccompProfile, abi?: Abi, options: AllowedOptions = {}): AllowedDetails {
  if (abi !== undefined && !enablesAbi(profile, abi)) return { allowed: [], conditional: [] };
  const caps = new Set(options.capabilities ?? DOCKER_DEFAULT_CAPS);
  const plain = new Set<string>();
  const conditional = new Set<string>();
  for (const rule of profile.syscalls) {
    if (!isPermissive(rule.action) || !applies(rule, caps, options.kernel)) continue;
    for (const name of rule.names) {
      if (abi !== undefined && !isKnownSyscall(name, abi)) continue;
      (rule.args && rule.args.length > 0 ? conditional : plain).add(name);
    }
  }
  if (isPermissive(profile.defaultAction)) {
    // A deny-list (defaultAction ALLOW or LOG): everything runs but what a refusing rule names
    // without conditions; a refusal under conditions leaves the name allowed the rest of the time.
    const refused = new Set<string>();
    for (const rule of profile.syscalls) {
      if (isPermissive(rule.action) || !applies(rule, caps, options.kernel) || (rule.args && rule.args.length > 0)) continue;
      for (const name of rule.names) refused.add(name);
    }
    for (const a of abi !== undefined ? [abi] : ABIS.filter((x) => enablesAbi(profile, x))) {
      for (const name of allSyscallNames(a)) if (!refused.has(name)) plain.add(name);
    }
  }
  for (const name of plain) conditional.delete(name);
  return {
    allowed: [...new Set([...plain, ...conditional])].sort(compareNames),
    conditional: [...conditional].sort(compareNames),
  };
}

/** Compares the allowed syscalls of two profiles. */
export function diffProfiles(a: SeccompProfile, b: SeccompProfile, abi?: Abi, options: AllowedOptions = {}): ProfileDiff {
  const da = allowedSyscallDetails(a, abi, options);
  const db = allowedSyscallDetails(b, abi, options);
  const inA = new Set(da.allowed);
  const inB = new Set(db.allowed);
  return {
    onlyInA: da.allowed.filter((n) => !inB.has(n)),
    onlyInB: db.allowed.filter((n) => !inA.has(n)),
    conditionalInA: da.conditional,
    conditionalInB: db.conditional,
  };
}

/** libseccomp filters only the listed arches; with none listed, only the native one. */
function enablesAbi(profile: SeccompProfile, abi: Abi): boolean {
  const arches: string[] = [...(profile.architectures ?? [])];
  for (const m of profile.archMap ?? []) {
    if (m.architecture === HOST_SECCOMP_ARCH) arches.push(m.architecture, ...m.subArchitectures);
  }
  return arches.length === 0 ? abi === 'x86_64' : arches.includes(SECCOMP_ARCH[abi]);
}

/** Docker's includes/excludes semantics (profiles/seccomp/seccomp_linux.go setupSeccomp). */
function applies(rule: SeccompRule, caps: ReadonlySet<string>, kernel: string | undefined): boolean {
  const inc: SeccompFilter = rule.includes ?? {};
  const exc: SeccompFilter = rule.excludes ?? {};
  if (exc.arches?.includes(HOST_ARCH)) return false;
  if (exc.caps?.some((c) => caps.has(c))) return false;
  if (exc.minKernel && kernelAtLeast(kernel, exc.minKernel)) return false;
  if (inc.arches?.length && !inc.arches.includes(HOST_ARCH)) return false;
  if (inc.caps?.length && !inc.caps.every((c) => caps.has(c))) return false;
  if (inc.minKernel && !kernelAtLeast(kernel, inc.minKernel)) return false;
  return true;
}

function kernelAtLeast(kernel: string | undefined, min: string): boolean {
  if (kernel === undefined) return true;
  const [ka = 0, kb = 0] = kernel.split('.').map((p) => Number.parseInt(p, 10) || 0);
  const [ma = 0, mb = 0] = min.split('.').map((p) => Number.parseInt(p, 10) || 0);
  return ka !== ma ? ka > ma : kb >= mb;
}
