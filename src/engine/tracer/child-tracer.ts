import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { TracerError } from '../../shared/errors.js';
import { EPOCH_MARK_BASE } from './program.js';
import { lostEvents, parseTracerLine, type TracerLine } from './parse-line.js';
import type { Tracer } from './tracer.js';

/** How to start one tracer program, and what it promises about its output order. */
export interface ChildTracerSpec {
  /** Name in messages ("bpftrace", "sandfuzz-trace"). */
  readonly name: string;
  readonly file: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** How long attaching may take before we give up. */
  readonly readyTimeoutMs: number;
  /**
   * How long to keep reading after an epoch marker arrived: per-CPU perf buffers may still hold
   * older lines (bpftrace); a ring buffer delivers in reservation order and needs none.
   */
  readonly syncGraceMs: number;
}

/**
 * The line of the tracer's stderr that says why it ended: its ERROR line, else the first line that
 * is not the RLIMIT_MEMLOCK notice bpftrace prints on every start. A tracer killed by a signal has
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
function lostReason(name: string, count: number): string {
  return `${name} lost ${count} events (its buffer overran): the trace is incomplete`;
}

// stderr lines kept for the exit message: a tracer's errors come first, a few lines at most.
const STDERR_LINES_KEPT = 200;

/**
 * A tracer that is a child process printing the line format of program.ts. It runs in its own
 * process group, so a Ctrl-C on the terminal reaches sandfuzz only and sandfuzz decides when the tracer stops; setpriv's parent-death
 * signal kills it should sandfuzz itself die without cleaning up. If the tracer reports lost
 * events, the tracer counts as dead (onDeath, and sync rejects) and its process is stopped.
 */
export class ChildTracer implements Tracer {
  private child: ChildProcess | undefined;
  private readonly stderr: string[] = [];
  private exited: Promise<void> | undefined;
  private stopping = false;
  private deathReason: string | undefined;
  private readonly listeners: Array<(line: TracerLine) => void> = [];
  private readonly deathListeners: Array<(reason: string) => void> = [];
  private readonly markWaiters = new Map<number, () => void>();
  private readonly deathWaiters = new Set<(reason: string) => void>();

  constructor(private readonly spec: ChildTracerSpec) {}

  onLine(listener: (line: TracerLine) => void): void {
    this.listeners.push(listener);
  }

  onDeath(listener: (reason: string) => void): void {
    this.deathListeners.push(listener);
  }

  async start(): Promise<void> {
    if (this.child) throw new TracerError('tracer already started');
    const { name, file, readyTimeoutMs } = this.spec;
    const child = spawn('setpriv', ['--pdeathsig', 'KILL', '--', file, ...this.spec.args], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...this.spec.env },
    });
    this.child = child;
    // Lost events are reported on stdout; stderr is watched too, so a build that logs them there
    // is caught as well.
    createInterface({ input: child.stderr!, crlfDelay: Infinity }).on('line', (text) => {
      const lost = lostEvents(text);
      if (lost !== undefined) this.lose(lost);
      else if (this.stderr.length < STDERR_LINES_KEPT) this.stderr.push(text);
    });
    this.exited = new Promise((resolve) => child.once('close', () => resolve()));

    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new TracerError(`${name} did not attach within ${readyTimeoutMs} ms`));
      }, readyTimeoutMs);
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
        reject(new TracerError(`cannot start ${name}: ${err.message}`, { cause: err }));
      });
      child.once('close', (code, signal) => {
        clearTimeout(timer);
        const why = firstError(this.stderr, signal);
        const reason = `${name} exited (${signal ?? `code ${code}`})${why === undefined ? '' : `: ${why}`}`;
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
    this.die(lostReason(this.spec.name, count));
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

  async sync(epoch: number, timeoutMs = 5_000): Promise<void> {
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
    if (this.spec.syncGraceMs > 0) await new Promise((r) => setTimeout(r, this.spec.syncGraceMs));
    if (this.deathReason !== undefined) throw dead(this.deathReason);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.exited) return;
    this.stopping = true;
    if (child.exitCode === null && child.signalCode === null) {
      // SIGINT lets the tracer detach its probes cleanly; SIGKILL if it hangs.
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
