import { BpftraceTracer } from './bpftrace.js';
import { LibbpfTracer } from './libbpf.js';
import type { Tracer } from './tracer.js';

/**
 * The syscall tracers sandfuzz can run, one table from which the CLI's --tracer choices, its help
 * and the doctor's checks derive. Both print the same lines (program.ts) and pass the same
 * fidelity tests against strace; they differ in cost and in what a host needs.
 */
export const TRACERS = {
  libbpf: {
    summary: 'BTF raw tracepoints and a ring buffer (default: the cheapest; built by npm run setup)',
    create: (): Tracer => new LibbpfTracer(),
  },
  bpftrace: {
    summary: 'bpftrace 0.17 tracepoints (fallback: no build step, about three times the cost per syscall)',
    create: (): Tracer => new BpftraceTracer(),
  },
} as const satisfies Record<string, { readonly summary: string; readonly create: () => Tracer }>;

export type TracerName = keyof typeof TRACERS;

export const DEFAULT_TRACER: TracerName = 'libbpf';

export const TRACER_NAMES = Object.keys(TRACERS) as TracerName[];

export function isTracerName(name: string): name is TracerName {
  return Object.hasOwn(TRACERS, name);
}
