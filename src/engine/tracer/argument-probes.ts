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
export interface ArgumentProbe {
  /** Code printed on the tracer's `A` lines. */
  readonly code: number;
  /** Native (x86_64) syscall name; also the tracepoint syscalls:sys_enter_<syscall>. */
  readonly syscall: string;
  /** bpftrace expressions of the recorded values, in order. */
  readonly values: readonly string[];
}

const low32 = (field: string): string => `(args->${field} & 0xffffffff)`;

export const ARGUMENT_PROBES: readonly ArgumentProbe[] = Object.freeze([
  // Family, type without SOCK_NONBLOCK/SOCK_CLOEXEC (SOCK_TYPE_MASK 0xf), protocol.
  { code: 1, syscall: 'socket', values: [low32('family'), '(args->type & 0xf)', low32('protocol')] },
  { code: 2, syscall: 'socketpair', values: [low32('family'), '(args->type & 0xf)', low32('protocol')] },
  { code: 3, syscall: 'clone', values: ['args->clone_flags'] },
  { code: 4, syscall: 'personality', values: [low32('personality')] },
  { code: 5, syscall: 'prctl', values: [low32('option')] },
  { code: 6, syscall: 'setsockopt', values: [low32('level'), low32('optname')] },
  { code: 7, syscall: 'getsockopt', values: [low32('level'), low32('optname')] },
  { code: 8, syscall: 'ioctl', values: [low32('cmd')] },
  // PROT_READ|PROT_WRITE|PROT_EXEC only: whether writable memory was ever made executable.
  { code: 9, syscall: 'mmap', values: ['(args->prot & 7)'] },
  { code: 10, syscall: 'mprotect', values: ['(args->prot & 7)'] },
  { code: 11, syscall: 'pkey_mprotect', values: ['(args->prot & 7)'] },
]);

const BY_CODE: ReadonlyMap<number, ArgumentProbe> = new Map(ARGUMENT_PROBES.map((p) => [p.code, p]));

export function argumentProbe(code: number): ArgumentProbe | undefined {
  return BY_CODE.get(code);
}

/** Values per line: the widest probe's count; shorter probes print zeros in the rest. */
export const ARGUMENT_SLOTS = Math.max(...ARGUMENT_PROBES.map((p) => p.values.length));

/** The bpftrace block of one probe: prints `A` on the first use of a value tuple in an epoch. */
export function argumentProbeBlock(probe: ArgumentProbe): string {
  const slots = Array.from({ length: ARGUMENT_SLOTS }, (_, i) => probe.values[i] ?? '0');
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
