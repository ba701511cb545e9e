/**
 * The syscalls whose arguments the tracer records, and which arguments. Each decides what kernel
 * code a call reaches (a socket family is a whole protocol stack, an ioctl request a driver
 * entry point, PROT_WRITE|PROT_EXEC the difference between data and code), is cold (never read,
 * write, epoll or futex: the probe costs only on the calls it names), and takes few distinct
 * values, so "first use of each value per epoch" keeps the output tiny.
 *
 * The program (program.ts) is generated from this table, and parse-line.ts maps codes back, so
 * the two cannot drift. Int arguments are recorded as their low 32 bits: the kernel truncates
 * them to int, and the rules built from them compare the low 32 bits only (see profile/args).
 */
/** One recorded argument: its tracepoint field, its register position, and the bits kept. */
export interface ArgumentValue {
  /** Field of the syscalls:sys_enter_<syscall> tracepoint (bpftrace). */
  readonly field: string;
  /** Position among the syscall's six arguments (the libbpf tracer reads registers). */
  readonly index: number;
  readonly mask: bigint;
}

export interface ArgumentProbe {
  /** Code printed on the tracer's `A` lines. */
  readonly code: number;
  /** Native (x86_64) syscall name; also the tracepoint syscalls:sys_enter_<syscall>. */
  readonly syscall: string;
  /** The recorded values, in order. */
  readonly values: readonly ArgumentValue[];
}

const LOW32 = 0xffffffffn;
const ALL = 0xffffffffffffffffn;
const arg = (field: string, index: number, mask = LOW32): ArgumentValue => ({ field, index, mask });

export const ARGUMENT_PROBES: readonly ArgumentProbe[] = Object.freeze([
  // Family, type without SOCK_NONBLOCK/SOCK_CLOEXEC (SOCK_TYPE_MASK 0xf), protocol.
  { code: 1, syscall: 'socket', values: [arg('family', 0), arg('type', 1, 0xfn), arg('protocol', 2)] },
  { code: 2, syscall: 'socketpair', values: [arg('family', 0), arg('type', 1, 0xfn), arg('protocol', 2)] },
  { code: 3, syscall: 'clone', values: [arg('clone_flags', 0, ALL)] },
  { code: 4, syscall: 'personality', values: [arg('personality', 0)] },
  { code: 5, syscall: 'prctl', values: [arg('option', 0)] },
  { code: 6, syscall: 'setsockopt', values: [arg('level', 1), arg('optname', 2)] },
  { code: 7, syscall: 'getsockopt', values: [arg('level', 1), arg('optname', 2)] },
  { code: 8, syscall: 'ioctl', values: [arg('cmd', 1)] },
  // PROT_READ|PROT_WRITE|PROT_EXEC only: whether writable memory was ever made executable.
  { code: 9, syscall: 'mmap', values: [arg('prot', 2, 7n)] },
  { code: 10, syscall: 'mprotect', values: [arg('prot', 2, 7n)] },
  { code: 11, syscall: 'pkey_mprotect', values: [arg('prot', 2, 7n)] },
]);

const BY_CODE: ReadonlyMap<number, ArgumentProbe> = new Map(ARGUMENT_PROBES.map((p) => [p.code, p]));

export function argumentProbe(code: number): ArgumentProbe | undefined {
  return BY_CODE.get(code);
}

/**
 * The libbpf tracer's `--arg` of one probe: native syscall number, code, and each value's register
 * index and mask (sandfuzz-trace.c parses it).
 */
export function argumentProbeFlag(probe: ArgumentProbe, nr: number): string {
  return `${nr}:${probe.code}:${probe.values.map((v) => `${v.index}/0x${v.mask.toString(16)}`).join(',')}`;
}

/** Values per line: the widest probe's count; shorter probes print zeros in the rest. */
export const ARGUMENT_SLOTS = Math.max(...ARGUMENT_PROBES.map((p) => p.values.length));

/** The bpftrace block of one probe: prints `A` on the first use of a value tuple in an epoch. */
export function argumentProbeBlock(probe: ArgumentProbe): string {
  const slots = Array.from({ length: ARGUMENT_SLOTS }, (_, i) => {
    const v = probe.values[i];
    if (v === undefined) return '0';
    return v.mask === ALL ? `args->${v.field}` : `(args->${v.field} & 0x${v.mask.toString(16)})`;
  });
  const assigns = slots.map((expr, i) => `  $v${i} = (uint64)${expr};`).join('\n');
  const key = `$ns, $born, ${probe.code}, ${slots.map((_, i) => `$v${i}`).join(', ')}`;
  const fmt = slots.map(() => '%llu').join(' ');
  const vals = slots.map((_, i) => `$v${i}`).join(', ');
  return `
tracepoint:syscalls:sys_enter_${probe.syscall}
/curtask->seccomp.mode == 2/
{
  $ns = curtask->nsproxy->mnt_ns->ns.inum;
  $born = @born[$ns];
${assigns}
  $mark = @epoch + 1;
  if (@arg[${key}] != $mark) {
    @arg[${key}] = $mark;
    printf("A %llu %llu ${probe.code} ${fmt} %d\\n", $ns, $born, ${vals}, @epoch);
  }
}
`;
}
