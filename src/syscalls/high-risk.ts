/**
 * Syscalls a reviewer wants to see gone from a container's profile: each one is a known escape
 * path, a kernel attack surface with a CVE history, or a way around seccomp itself.
 */

/** A high-risk syscall and why it matters, in one line. */
export interface HighRiskSyscall {
  readonly name: string;
  readonly why: string;
}

const mountApi = 'new mount API: same power as mount(2); fsconfig was CVE-2022-0185 (heap overflow from a user namespace)';

/** The list, in display order (most commonly exploited first). */
export const HIGH_RISK_SYSCALLS: readonly HighRiskSyscall[] = Object.freeze([
  { name: 'ptrace', why: 'reads and writes other processes; bypassed seccomp before kernel 4.8 and aids escapes' },
  { name: 'process_vm_readv', why: "reads another process's memory, like ptrace" },
  { name: 'process_vm_writev', why: "writes another process's memory, like ptrace" },
  { name: 'bpf', why: 'loads programs into the kernel; the verifier has a long privilege-escalation CVE record' },
  { name: 'perf_event_open', why: 'profiling interface; leaks kernel addresses and has had many LPE bugs' },
  { name: 'userfaultfd', why: 'stalls kernel page faults at will, widening race windows in kernel exploits' },
  { name: 'io_uring_setup', why: 'io_uring: big, fast-moving attack surface, and its ops bypass syscall filtering' },
  { name: 'io_uring_enter', why: 'io_uring: submits operations seccomp never sees' },
  { name: 'io_uring_register', why: 'io_uring: registers files and buffers for unfiltered operations' },
  { name: 'unshare', why: 'creates (user) namespaces, exposing kernel code otherwise reachable only by root' },
  { name: 'setns', why: "joins another process's namespaces; an escape helper" },
  { name: 'clone3', why: 'its flags sit in a struct seccomp cannot inspect, so namespace creation cannot be filtered' },
  { name: 'mount', why: "changes the container's filesystem view; the classic escape with CAP_SYS_ADMIN" },
  { name: 'umount2', why: 'can remove over-mounts that hide host paths such as masked /proc entries' },
  { name: 'pivot_root', why: 'swaps the root mount; used in escapes and to undo a chroot-like jail' },
  { name: 'fsopen', why: mountApi },
  { name: 'fsconfig', why: mountApi },
  { name: 'fsmount', why: mountApi },
  { name: 'fspick', why: mountApi },
  { name: 'move_mount', why: mountApi },
  { name: 'open_tree', why: mountApi },
  { name: 'mount_setattr', why: mountApi },
  { name: 'open_by_handle_at', why: "opens host files by handle outside the container's mounts (the 2014 Shocker escape)" },
  { name: 'name_to_handle_at', why: 'produces the handles open_by_handle_at uses; leaks inode identities' },
  { name: 'keyctl', why: 'the kernel keyring is not namespaced: keys leak across containers (CVE-2016-0728)' },
  { name: 'add_key', why: 'adds keys to the non-namespaced kernel keyring' },
  { name: 'request_key', why: 'asks the kernel keyring, which can run host helpers' },
  { name: 'init_module', why: 'loads code into the host kernel' },
  { name: 'finit_module', why: 'loads code into the host kernel from a file' },
  { name: 'delete_module', why: 'unloads host kernel modules' },
  { name: 'kexec_load', why: 'replaces the running host kernel' },
  { name: 'kexec_file_load', why: 'replaces the running host kernel from a file' },
  { name: 'personality', why: 'can turn off ASLR (ADDR_NO_RANDOMIZE) and enable legacy behaviours' },
  { name: 'modify_ldt', why: 'old x86 LDT code with several kernel CVEs; needed only by 16-bit and Wine code' },
  { name: 'iopl', why: 'grants direct hardware I/O port access' },
  { name: 'ioperm', why: 'grants direct hardware I/O port access' },
  { name: 'syslog', why: 'reads the kernel log, which leaks kernel addresses' },
  { name: 'kcmp', why: 'compares kernel objects of two processes, leaking kernel pointer order' },
  { name: 'swapon', why: 'changes host memory management' },
  { name: 'swapoff', why: 'changes host memory management' },
  { name: 'reboot', why: 'reboots the host (or kills the PID namespace)' },
]);

const BY_NAME: ReadonlyMap<string, HighRiskSyscall> = new Map(HIGH_RISK_SYSCALLS.map((h) => [h.name, h]));

/** The high-risk entry for a name, or undefined when the name is not on the list. */
export function highRisk(name: string): HighRiskSyscall | undefined {
  return BY_NAME.get(name);
}
