/**
 * Which syscall argument each recorded value is, per syscall (the tracer's probe table,
 * src/engine/tracer/argument-probes.ts, records them in this order; a unit test keeps the two
 * in step). Socket types are recorded without SOCK_NONBLOCK/SOCK_CLOEXEC, prot as its low 3 bits.
 */
export const ARG_SLOTS: Readonly<Record<string, readonly number[]>> = Object.freeze({
  socket: [0, 1, 2],
  socketpair: [0, 1, 2],
  clone: [0],
  personality: [0],
  prctl: [0],
  setsockopt: [1, 2],
  getsockopt: [1, 2],
  ioctl: [1],
  mmap: [2],
  mprotect: [2],
  pkey_mprotect: [2],
});

/** The recorded values as a sparse argument vector: index → value. */
export function argumentVector(syscall: string, values: readonly number[]): ReadonlyMap<number, number> {
  const slots = ARG_SLOTS[syscall] ?? [];
  return new Map(slots.map((index, i) => [index, values[i] ?? 0]));
}
