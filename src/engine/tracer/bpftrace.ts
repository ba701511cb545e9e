import { ChildTracer } from './child-tracer.js';
import { tracerProgram } from './program.js';

export interface BpftraceOptions {
  /** bpftrace binary. */
  readonly binary: string;
  /** How long attaching may take before we give up. */
  readonly readyTimeoutMs: number;
  /**
   * Another program text, and environment on top of ours: only for tests that make a real
   * bpftrace lose events (a flood of lines into a one-page perf buffer) to prove it is caught.
   */
  readonly program?: string;
  readonly env?: Readonly<Record<string, string>>;
}

export const DEFAULT_BPFTRACE_OPTIONS: BpftraceOptions = { binary: 'bpftrace', readyTimeoutMs: 60_000 };

/**
 * The bpftrace tracer (program.ts): classic tracepoints and per-CPU perf buffers. It needs no
 * build step, but costs about three times what the libbpf tracer does per syscall (see the
 * bench's tracer figures); kept for kernels where the libbpf tracer cannot load.
 */
export class BpftraceTracer extends ChildTracer {
  constructor(options: BpftraceOptions = DEFAULT_BPFTRACE_OPTIONS) {
    super({
      name: 'bpftrace',
      file: options.binary,
      args: ['-e', options.program ?? tracerProgram(), String(process.pid)],
      // One key per (namespace, ABI, syscall): the default of 4096 is too small on busy hosts.
      env: { BPFTRACE_MAP_KEYS_MAX: '65536', ...options.env },
      readyTimeoutMs: options.readyTimeoutMs,
      // Per-CPU perf buffers: a line from another CPU can arrive after the marker.
      syncGraceMs: 150,
    });
  }
}
