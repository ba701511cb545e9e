import { ARGUMENT_PROBES } from '../../engine/tracer/argument-probes.js';

/**
 * Which syscall argument each recorded value is, per syscall, from the tracer's probe table
 * (src/engine/tracer/argument-probes.ts), so the two cannot drift. Socket types are recorded
 * without SOCK_NONBLOCK/SOCK_CLOEXEC, prot as its low 3 bits.
 */
export const ARG_SLOTS: Readonly<Record<string, readonly number[]>> = Object.freeze(
  Object.fromEntries(ARGUMENT_PROBES.map((p) => [p.syscall, Object.freeze(p.values.map((v) => v.index))])),
);

/** The recorded values as a sparse argument vector: index → value. */
export function argumentVector(syscall: string, values: readonly number[]): ReadonlyMap<number, number> {
  const slots = ARG_SLOTS[syscall] ?? [];
  return new Map(slots.map((index, i) => [index, values[i] ?? 0]));
}
