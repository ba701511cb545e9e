/**
 * Syscalls the Go runtime inside `runc init` may make between installing the container's filter
 * and executing the entrypoint. Which of them it makes depends on goroutine scheduling (a GC
 * cycle, a preemption signal, a new OS thread), so one traced start does not show them all, and a
 * profile missing one makes some starts die before the entrypoint runs (seen here: SIGSEGV at
 * start, once in a few dozen starts). Every profile allows them, as the Security Profiles
 * Operator's base syscalls do for the same reason; all of them are in Docker's default profile.
 */
export const RUNTIME_BASE_SYSCALLS: readonly string[] = Object.freeze([
  'clone', // new runtime threads (CLONE_THREAD, never namespace flags: the clone rule stays masked)
  'close',
  'epoll_ctl',
  'epoll_pwait',
  'execve',
  'exit', // a runtime thread ending
  'exit_group',
  'fcntl',
  'futex',
  'getpid',
  'gettid',
  'madvise',
  'mmap',
  'mprotect',
  'munmap',
  'nanosleep',
  'read',
  'rt_sigaction',
  'rt_sigprocmask',
  'rt_sigreturn',
  'sched_yield',
  'sigaltstack',
  'tgkill',
  'write',
]);
