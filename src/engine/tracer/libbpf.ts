import { join } from 'node:path';
import { packageRoot } from '../../shared/package-root.js';
import { syscallNumber } from '../../syscalls/index.js';
import { ARGUMENT_PROBES, argumentProbeFlag } from './argument-probes.js';
import { ChildTracer } from './child-tracer.js';

/** Where scripts/build-tracer.sh puts the loader (bpf/sandfuzz-trace.c and its BPF half). */
export function libbpfTracerPath(root: string = packageRoot()): string {
  return join(root, 'dist', 'tracer', 'sandfuzz-trace');
}

export interface LibbpfOptions {
  readonly binary: string;
  readonly readyTimeoutMs: number;
  /** Ring buffer size in bytes (a power of two): only tests shrink it, to prove an overrun is caught. */
  readonly ringbufBytes?: number;
  /** Report every syscall, not the first per epoch: only for those tests. */
  readonly every?: boolean;
  /**
   * Also report error returns (`E` lines). Off by default: it attaches sys_exit as well, which
   * doubles what the tracer costs every syscall of the container.
   */
  readonly errors?: boolean;
}

export const DEFAULT_LIBBPF_OPTIONS: LibbpfOptions = { binary: libbpfTracerPath(), readyTimeoutMs: 30_000 };

/** The `--arg` flags of every argument probe: the table in argument-probes.ts stays the one source. */
export function argumentFlags(): string[] {
  return ARGUMENT_PROBES.flatMap((probe) => {
    const nr = syscallNumber('x86_64', probe.syscall);
    if (nr === undefined) throw new Error(`argument probe for unknown syscall ${probe.syscall}`);
    return ['--arg', argumentProbeFlag(probe, nr)];
  });
}

/**
 * The default tracer: a small libbpf program on BTF raw tracepoints (bpf/sandfuzz-trace.bpf.c)
 * that costs a host task outside seccomp one load per syscall and a container task one hash
 * lookup, and reports through a ring buffer, whose order makes an epoch marker a barrier: a sync
 * needs no grace period. On request it also reports error returns (`E` lines).
 */
export class LibbpfTracer extends ChildTracer {
  constructor(options: LibbpfOptions = DEFAULT_LIBBPF_OPTIONS) {
    super({
      name: 'sandfuzz-trace',
      file: options.binary,
      args: [
        '--pid',
        String(process.pid),
        ...argumentFlags(),
        ...(options.ringbufBytes !== undefined ? ['--ringbuf-bytes', String(options.ringbufBytes)] : []),
        ...(options.every ? ['--every'] : []),
        ...(options.errors ? ['--errors'] : []),
      ],
      readyTimeoutMs: options.readyTimeoutMs,
      syncGraceMs: 0,
    });
  }
}
