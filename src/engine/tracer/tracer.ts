import type { TracerLine } from './parse-line.js';

/** The syscall tracer as the engine sees it (bpftrace.ts is the real one). */
export interface Tracer {
  /** Starts tracing; resolves once the probes are attached. */
  start(): Promise<void>;
  onLine(listener: (line: TracerLine) => void): void;
  /** Called if the tracer dies on its own (not through stop). */
  onDeath(listener: (reason: string) => void): void;
  /** Starts a new epoch (sampling unit): syscalls from now on are attributed to it. */
  mark(epoch: number): void;
  /** Starts a new epoch and waits until the tracer has seen it, so earlier lines have arrived. */
  sync(epoch: number): Promise<void>;
  /** Stops tracing; safe to call more than once and before start. */
  stop(): Promise<void>;
}
