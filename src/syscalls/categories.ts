/**
 * One coarse category per x86_64 syscall, for grouping a profile in reports. The split follows
 * what a reviewer asks first ("does it touch the network? can it load kernel code?"), not the
 * kernel source tree: poll/epoll count as file (fd readiness), signals and futexes as IPC, and
 * everything that needs a host-level capability or changes kernel state as privileged.
 */

/** The categories a syscall can fall in. */
export const SYSCALL_CATEGORIES = ['file', 'network', 'process', 'memory', 'time', 'ipc', 'privileged'] as const;

/** A syscall category. */
export type SyscallCategory = (typeof SYSCALL_CATEGORIES)[number];

/** Human labels, in display order. */
export const CATEGORY_LABELS: Readonly<Record<SyscallCategory, string>> = Object.freeze({
  file: 'File',
  network: 'Network',
  process: 'Process',
  memory: 'Memory',
  time: 'Time',
  ipc: 'IPC',
  privileged: 'Privileged',
});

const words = (s: string): readonly string[] => s.trim().split(/\s+/);

// Keep every x86_64 name in exactly one list: test/unit/syscalls/categories.test.ts checks it.
const BY_CATEGORY: Readonly<Record<SyscallCategory, readonly string[]>> = {
  file: words(`
    read write open close stat fstat lstat poll lseek ioctl pread64 pwrite64 readv writev access select
    dup dup2 sendfile fcntl flock fsync fdatasync truncate ftruncate getdents getcwd chdir fchdir rename
    mkdir rmdir creat link unlink symlink readlink chmod fchmod chown fchown lchown umask utime mknod
    uselib ustat statfs fstatfs sysfs sync readahead setxattr lsetxattr fsetxattr getxattr lgetxattr
    fgetxattr listxattr llistxattr flistxattr removexattr lremovexattr fremovexattr io_setup io_destroy
    io_getevents io_submit io_cancel epoll_create epoll_ctl_old epoll_wait_old getdents64 fadvise64
    epoll_wait epoll_ctl utimes inotify_init inotify_add_watch inotify_rm_watch openat mkdirat mknodat
    fchownat futimesat newfstatat unlinkat renameat linkat symlinkat readlinkat fchmodat faccessat
    pselect6 ppoll splice tee sync_file_range vmsplice utimensat epoll_pwait fallocate epoll_create1
    dup3 inotify_init1 preadv pwritev syncfs renameat2 getrandom copy_file_range preadv2 pwritev2 statx
    io_pgetevents io_uring_setup io_uring_enter io_uring_register close_range openat2 faccessat2
    epoll_pwait2 afs_syscall
  `),
  network: words(`
    socket connect accept sendto recvfrom sendmsg recvmsg shutdown bind listen getsockname getpeername
    socketpair setsockopt getsockopt accept4 recvmmsg sendmmsg tuxcall
  `),
  process: words(`
    sched_yield getpid clone fork vfork execve exit wait4 uname getrlimit getrusage sysinfo getuid
    getgid setuid setgid geteuid getegid setpgid getppid getpgrp setsid setreuid setregid getgroups
    setgroups setresuid getresuid setresgid getresgid getpgid setfsuid setfsgid getsid capget capset
    personality getpriority setpriority sched_setparam sched_getparam sched_setscheduler
    sched_getscheduler sched_get_priority_max sched_get_priority_min sched_rr_get_interval prctl
    arch_prctl setrlimit gettid sched_setaffinity sched_getaffinity set_thread_area get_thread_area
    set_tid_address restart_syscall exit_group waitid ioprio_set ioprio_get prlimit64 getcpu
    sched_setattr sched_getattr seccomp execveat rseq pidfd_open clone3 pidfd_getfd modify_ldt
    landlock_create_ruleset landlock_add_rule landlock_restrict_self
  `),
  memory: words(`
    mmap mprotect munmap brk mremap msync mincore madvise mlock munlock mlockall munlockall
    remap_file_pages mbind set_mempolicy get_mempolicy migrate_pages move_pages memfd_create membarrier
    mlock2 pkey_mprotect pkey_alloc pkey_free process_madvise memfd_secret process_mrelease
    set_mempolicy_home_node
  `),
  time: words(`
    nanosleep getitimer alarm setitimer gettimeofday times time timer_create timer_settime
    timer_gettime timer_getoverrun timer_delete clock_gettime clock_getres clock_nanosleep
    timerfd_create timerfd_settime timerfd_gettime
  `),
  ipc: words(`
    rt_sigaction rt_sigprocmask rt_sigreturn pipe shmget shmat shmctl pause kill semget semop semctl
    shmdt msgget msgsnd msgrcv msgctl rt_sigpending rt_sigtimedwait rt_sigqueueinfo rt_sigsuspend
    sigaltstack getpmsg putpmsg tkill futex semtimedop tgkill mq_open mq_unlink mq_timedsend
    mq_timedreceive mq_notify mq_getsetattr set_robust_list get_robust_list signalfd eventfd signalfd4
    eventfd2 pipe2 rt_tgsigqueueinfo pidfd_send_signal futex_waitv
  `),
  privileged: words(`
    ptrace syslog vhangup pivot_root _sysctl adjtimex chroot acct settimeofday mount umount2 swapon
    swapoff reboot sethostname setdomainname iopl ioperm create_module init_module delete_module
    get_kernel_syms query_module quotactl nfsservctl security lookup_dcookie clock_settime vserver
    kexec_load add_key request_key keyctl unshare perf_event_open fanotify_init fanotify_mark
    name_to_handle_at open_by_handle_at clock_adjtime setns process_vm_readv process_vm_writev kcmp
    finit_module kexec_file_load bpf userfaultfd open_tree move_mount fsopen fsconfig fsmount fspick
    mount_setattr quotactl_fd
  `),
};

const CATEGORY_OF: ReadonlyMap<string, SyscallCategory> = new Map(
  SYSCALL_CATEGORIES.flatMap((c) => BY_CATEGORY[c].map((name) => [name, c] as const)),
);

/** The category of a syscall name, or undefined for a name the table does not know. */
export function syscallCategory(name: string): SyscallCategory | undefined {
  return CATEGORY_OF.get(name);
}

/** The names listed under a category (table order). */
export function syscallsInCategory(category: SyscallCategory): readonly string[] {
  return BY_CATEGORY[category];
}
