import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { TracerError } from '../../shared/errors.js';
import { EPOCH_MARK_BASE, tracerProgram } from './program.js';
import { parseTracerLine, type TracerLine } from './parse-line.js';
import type { Tracer } from './tracer.js';

export interface BpftraceOptions {
  /** bpftrace binary. */
  readonly binary: string;
  /** How long attaching may take before we give up. */
  readonly readyTimeoutMs: number;
}

export const DEFAULT_BPFTRACE_OPTIONS: BpftraceOptions = { binary: 'bpftrace', readyTimeoutMs: 60_000 };

/** The first line of bpftrace's stderr worth showing (it warns about RLIMIT_MEMLOCK on every start). */
function firstError(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => !l.includes('RLIMIT_MEMLOCK')) ?? lines[0] ?? 'no output';
}

/**
 * The tracer as a bpftrace child process. It runs in its own process group, so a Ctrl-C on the
 * terminal reaches sandfuzz only and sandfuzz decides when the tracer stops; setpriv's parent-death
 * signal kills it should sandfuzz itself die without cleaning up.
 */
export class BpftraceTracer implements Tracer {
  private child: ChildProcess | undefined;
  private stderr = '';
  private exited: Promise<void> | undefined;
  private stopping = false;
  private readonly listeners: Array<(line: TracerLine) => void> = [];
  private readonly deathListeners: Array<(reason: string) => void> = [];
  private readonly markWaiters = new Map<number, () => void>();

  constructor(private readonly options: BpftraceOptions = DEFAULT_BPFTRACE_OPTIONS) {}

  onLine(listener: (line: TracerLine) => void): void {
    this.listeners.push(listener);
  }

  onDeath(listener: (reason: string) => void): void {
    this.deathListeners.push(listener);
  }

  async start(): Promise<void> {
    if (this.child) throw new TracerError('tracer already started');
    const args = ['--pdeathsig', 'KILL', '--', this.options.binary, '-e', tracerProgram(), String(process.pid)];
    const child = spawn('setpriv', args, {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      // One key per (namespace, ABI, syscall): the default of 4096 is too small on busy hosts.
      env: { ...process.env, BPFTRACE_MAP_KEYS_MAX: '65536' },
    });
    this.child = child;
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      if (this.stderr.length < 64 * 1024) this.stderr += chunk;
    });
    this.exited = new Promise((resolve) => child.once('close', () => resolve()));

    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new TracerError(`bpftrace did not attach within ${this.options.readyTimeoutMs} ms`));
      }, this.options.readyTimeoutMs);
      const lines = createInterface({ input: child.stdout!, crlfDelay: Infinity });
      lines.on('line', (text) => {
        const line = parseTracerLine(text);
        if (line.kind === 'ready') {
          clearTimeout(timer);
          resolve();
        } else if (line.kind === 'mark') {
          this.markWaiters.get(line.epoch)?.();
          this.markWaiters.delete(line.epoch);
        }
        for (const listener of this.listeners) listener(line);
      });
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(new TracerError(`cannot start bpftrace: ${err.message}`, { cause: err }));
      });
      child.once('close', (code, signal) => {
        clearTimeout(timer);
        const reason = `bpftrace exited (${signal ?? `code ${code}`}): ${firstError(this.stderr)}`;
        reject(new TracerError(reason));
        if (!this.stopping) for (const listener of this.deathListeners) listener(reason);
      });
    }).catch(async (err) => {
      await this.stop();
      throw err;
    });
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
    const seen = new Promise<void>((resolve) => this.markWaiters.set(epoch, resolve));
    this.mark(epoch);
    const timeout = new Promise<void>((_, reject) => {
      const t = setTimeout(() => reject(new TracerError(`tracer did not see epoch marker ${epoch}`)), timeoutMs);
      void seen.then(() => clearTimeout(t));
    });
    await Promise.race([seen, timeout]);
    // Other CPUs' buffers may still hold older lines: give the reader one more poll round.
    await new Promise((r) => setTimeout(r, graceMs));
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
