import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { TracerError } from '../../shared/errors.js';
import { EPOCH_MARK_BASE, tracerProgram } from './program.js';
import { lostEvents, parseTracerLine, type TracerLine } from './parse-line.js';
import type { Tracer } from './tracer.js';

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
 * The line of bpftrace's stderr that says why it ended: its ERROR line, else the first line that
 * is not the RLIMIT_MEMLOCK notice it prints on every start. A tracer killed by a signal has
 * only start-up warnings to show (with the program lines they point at): it gets no text.
 */
function firstError(lines: readonly string[], signal: NodeJS.Signals | null): string | undefined {
  const said = lines.map((l) => l.trim()).filter(Boolean);
  // The notice is itself worded as an ERROR, and harmless on this kernel (field notes).
  const error = said.find((l) => /\bERROR\b/.test(l) && !l.includes('RLIMIT_MEMLOCK'));
  if (error !== undefined || signal) return error;
  return said.find((l) => !l.includes('RLIMIT_MEMLOCK')) ?? said[0] ?? 'no output';
}

/**
 * Why a trace with lost events is a dead tracer: the lines that were dropped may be the only
 * sighting of a syscall, so a profile built from what is left can be smaller than the container
 * needs, and nothing would tell. The run must stop instead (TracerError).
 */
function lostReason(count: number): string {
  return `bpftrace lost ${count} events (a perf buffer overran): the trace is incomplete`;
}

// stderr lines kept for the exit message: bpftrace's errors come first, a few lines at most.
const STDERR_LINES_KEPT = 200;

/**
 * The tracer as a bpftrace child process. It runs in its own process group, so a Ctrl-C on the
 * terminal reaches sandfuzz only and sandfuzz decides when the tracer stops; setpriv's parent-death
 * signal kills it should sandfuzz itself die without cleaning up. If bpftrace reports lost
 * events, the tracer counts as dead (onDeath, and sync rejects) and its process is stopped.
 */
export class BpftraceTracer implements Tracer {
  private child: ChildProcess | undefined;
  private readonly stderr: string[] = [];
  private exited: Promise<void> | undefined;
  private stopping = false;
  private deathReason: string | undefined;
  private readonly listeners: Array<(line: TracerLine) => void> = [];
  private readonly deathListeners: Array<(reason: string) => void> = [];
  private readonly markWaiters = new Map<number, () => void>();
  private readonly deathWaiters = new Set<(reason: string) => void>();

  constructor(private readonly options: BpftraceOptions = DEFAULT_BPFTRACE_OPTIONS) {}

  onLine(listener: (line: TracerLine) => void): void {
    this.listeners.push(listener);
  }

  onDeath(listener: (reason: string) => void): void {
    this.deathListeners.push(listener);
  }

  async start(): Promise<void> {
    if (this.child) throw new TracerError('tracer already started');
    const program = this.options.program ?? tracerProgram();
    const args = ['--pdeathsig', 'KILL', '--', this.options.binary, '-e', program, String(process.pid)];
    const child = spawn('setpriv', args, {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      // One key per (namespace, ABI, syscall): the default of 4096 is too small on busy hosts.
      env: { ...process.env, BPFTRACE_MAP_KEYS_MAX: '65536', ...this.options.env },
    });
    this.child = child;
    // bpftrace 0.17 reports lost events on stdout; stderr is watched too, so a build that logs
    // them there is caught as well.
    createInterface({ input: child.stderr!, crlfDelay: Infinity }).on('line', (text) => {
      const lost = lostEvents(text);
      if (lost !== undefined) this.lose(lost);
      else if (this.stderr.length < STDERR_LINES_KEPT) this.stderr.push(text);
    });
    this.exited = new Promise((resolve) => child.once('close', () => resolve()));

    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new TracerError(`bpftrace did not attach within ${this.options.readyTimeoutMs} ms`));
      }, this.options.readyTimeoutMs);
      this.deathWaiters.add((reason) => {
        clearTimeout(timer);
        reject(new TracerError(reason));
      });
      const lines = createInterface({ input: child.stdout!, crlfDelay: Infinity });
      lines.on('line', (text) => {
        const line = parseTracerLine(text);
        if (line.kind === 'ready') {
          clearTimeout(timer);
          resolve();
        } else if (line.kind === 'mark') {
          this.markWaiters.get(line.epoch)?.();
          this.markWaiters.delete(line.epoch);
        } else if (line.kind === 'lost') this.lose(line.count);
        for (const listener of this.listeners) listener(line);
      });
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(new TracerError(`cannot start bpftrace: ${err.message}`, { cause: err }));
      });
      child.once('close', (code, signal) => {
        clearTimeout(timer);
        const why = firstError(this.stderr, signal);
        const reason = `bpftrace exited (${signal ?? `code ${code}`})${why === undefined ? '' : `: ${why}`}`;
        reject(new TracerError(reason));
        if (!this.stopping) this.die(reason);
      });
    }).catch(async (err) => {
      await this.stop();
      throw err;
    });
  }

  /** Lost events end the trace: reported as the tracer's death, and the process is stopped. */
  private lose(count: number): void {
    if (this.deathReason !== undefined) return;
    this.die(lostReason(count));
    void this.stop();
  }

  /** Tells every listener and waiter, once, that the trace is over before its time. */
  private die(reason: string): void {
    if (this.deathReason !== undefined) return;
    this.deathReason = reason;
    for (const waiter of this.deathWaiters) waiter(reason);
    this.deathWaiters.clear();
    for (const listener of this.deathListeners) listener(reason);
  }

  mark(epoch: number): void {
    if (!Number.isInteger(epoch) || epoch < 0 || epoch >= EPOCH_MARK_BASE) {
      throw new TracerError(`epoch out of range: ${epoch}`);
    }
    try {
      // A pid that cannot exist: the kernel answers ESRCH, the tracer sees the call first.
      process.kill(EPOCH_MARK_BASE + epoch, 0);
    } catch {
      // ESRCH is the expected answer.
    }
  }

  async sync(epoch: number, graceMs = 150, timeoutMs = 5_000): Promise<void> {
    // A dead tracer cannot vouch for the lines before the marker: every window ends in a sync,
    // so a loss fails whoever traced through it (mining, the reference replay, benchmarks).
    const dead = (reason: string): TracerError => new TracerError(`tracer died: ${reason}`);
    if (this.deathReason !== undefined) throw dead(this.deathReason);
    let onDeath: ((reason: string) => void) | undefined;
    let timer: NodeJS.Timeout | undefined;
    const seen = new Promise<void>((resolve, reject) => {
      this.markWaiters.set(epoch, resolve);
      onDeath = (reason) => reject(dead(reason));
      this.deathWaiters.add(onDeath);
      timer = setTimeout(() => reject(new TracerError(`tracer did not see epoch marker ${epoch}`)), timeoutMs);
    });
    this.mark(epoch);
    try {
      await seen;
    } finally {
      clearTimeout(timer);
      this.deathWaiters.delete(onDeath!);
      this.markWaiters.delete(epoch);
    }
    // Other CPUs' buffers may still hold older lines (or a loss record): one more poll round.
    await new Promise((r) => setTimeout(r, graceMs));
    if (this.deathReason !== undefined) throw dead(this.deathReason);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.exited) return;
    this.stopping = true;
    if (child.exitCode === null && child.signalCode === null) {
      // SIGINT lets bpftrace run END and detach its probes cleanly; SIGKILL if it hangs.
      try {
        process.kill(-child.pid!, 'SIGINT');
      } catch {
        /* already gone */
      }
      const killTimer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, 5_000);
      await this.exited;
      clearTimeout(killTimer);
    }
  }
}
