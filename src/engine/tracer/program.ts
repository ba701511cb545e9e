/**
 * The bpftrace program behind the fallback tracer (bpftrace.ts); the default tracer,
 * bpf/sandfuzz-trace.bpf.c, prints the same lines, with a unique namespace id where this one
 * prints a birth time, and `E` lines on request. It prints, per (mount namespace, ABI, syscall) and per
 * epoch, the first occurrence only, so its output stays tiny whatever the load.
 *
 * Selection happens in two steps: in the kernel, only tasks that run under a seccomp filter
 * (seccomp.mode == 2: runc installs the container's filter right before it executes the
 * entrypoint, so runc's own setup is never counted, while forks, threads and `docker exec`
 * processes all are); in user space, only the container's mount namespace, which is known once
 * the container has started (see container-trace.ts).
 *
 * Namespace inodes are reused as soon as a namespace is freed, so an inode alone does not name a
 * container: a short-lived namespace (an apt sandbox, an earlier container) may have held it
 * moments before. runc creates the container's mount namespace with unshare(2); the program
 * records each such birth, keys its first-occurrence map by (inode, birth) and prints the birth
 * on every line, so user space keeps only the lines of the namespace's current life.
 *
 * Epochs mark sampling units: sandfuzz calls kill(EPOCH_MARK_BASE + epoch, 0) itself, a pid
 * that cannot exist, and the probe on its own pid turns that into the current epoch. Every
 * syscall line carries the epoch it happened in, so per-unit incidence needs no clock matching.
 *
 * Output lines (space separated, keep in sync with parse-line.ts):
 *   R                                        attached and ready
 *   M <epoch> <ns>                           epoch marker seen
 *   N <mntns> <ns>                           a mount namespace was born (unshare) at <ns>
 *                                            (libbpf: first seen; <ns> is its unique id)
 *   S <mntns> <born> <abi> <nr> <epoch> <ns> <pid>  first use of nr in that namespace life and epoch
 *   A <mntns> <born> <code> <v0> <v1> <v2> <epoch>  first use of those argument values of the
 *                                            syscall with that code in that life and epoch
 *                                            (argument-probes.ts)
 *   E <mntns> <born> <abi> <nr> <errno> <epoch>  first return of that errno by nr in that life
 *                                            and epoch (libbpf tracer with --errors only)
 */

import { ARGUMENT_PROBES, argumentProbeBlock } from './argument-probes.js';

/** kill(2) targets at or above this base are epoch markers (far above PID_MAX_LIMIT, 2^22). */
export const EPOCH_MARK_BASE = 1 << 30;

/** ABI codes printed by the program; 0 is native x86_64. */
export const ABI_CODES = { 0: 'x86_64', 1: 'i386', 2: 'x32' } as const;

// TS_COMPAT in thread_info.status marks an i386 (int 0x80 / sysenter) syscall on x86_64;
// x32 syscalls carry __X32_SYSCALL_BIT (0x40000000) in the number itself.
const PROGRAM = `
BEGIN { @epoch = 0; printf("R\\n"); }

tracepoint:syscalls:sys_enter_kill
/pid == $1 && args->pid >= ${EPOCH_MARK_BASE} && args->sig == 0/
{
  @epoch = args->pid - ${EPOCH_MARK_BASE};
  printf("M %d %llu\\n", @epoch, nsecs);
}

tracepoint:syscalls:sys_enter_unshare
{
  @before[tid] = curtask->nsproxy->mnt_ns->ns.inum;
}

tracepoint:syscalls:sys_exit_unshare
/@before[tid]/
{
  $ns = curtask->nsproxy->mnt_ns->ns.inum;
  if (args->ret == 0 && $ns != @before[tid]) {
    $now = nsecs;
    @born[$ns] = $now;
    printf("N %llu %llu\\n", $ns, $now);
  }
  delete(@before[tid]);
}

tracepoint:raw_syscalls:sys_enter
/curtask->seccomp.mode == 2/
{
  $ns = curtask->nsproxy->mnt_ns->ns.inum;
  $born = @born[$ns];
  $abi = (args->id & 0x40000000) ? 2 : ((curtask->thread_info.status & 2) ? 1 : 0);
  $mark = @epoch + 1;
  if (@last[$ns, $born, $abi, args->id] != $mark) {
    @last[$ns, $born, $abi, args->id] = $mark;
    printf("S %llu %llu %d %d %d %llu %d\\n", $ns, $born, $abi, args->id, @epoch, nsecs, pid);
  }
}

${ARGUMENT_PROBES.map(argumentProbeBlock).join('')}
END { clear(@last); clear(@arg); clear(@epoch); clear(@born); clear(@before); }
`;

/** The bpftrace program text; the caller passes its own pid as positional parameter $1. */
export function tracerProgram(): string {
  return PROGRAM;
}
