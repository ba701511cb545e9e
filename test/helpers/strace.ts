import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';

/**
 * strace as an independent witness of what a container's processes call: ptrace, not BPF, and
 * its own syscall names. Used to check that the tracer sees the same set over the same window.
 */

/** Host pids of every process in a mount namespace: the selector the tracer uses too. */
export function pidsInMountNamespace(mntns: bigint): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (statSync(`/proc/${entry}/ns/mnt`, { bigint: true }).ino === mntns) pids.push(Number(entry));
    } catch {
      // The process exited while we looked.
    }
  }
  return pids;
}

/** One syscall entry as strace printed it. */
export interface StraceCall {
  readonly pid: number;
  /** Wall-clock time strace saw the entry, in microseconds since the epoch. */
  readonly tsUs: number;
  readonly nr: number;
  /** strace's own name for the call. */
  readonly name: string;
}

// `-f -n -ttt -o FILE`: "<pid> <sec>.<usec> [<nr>] <name>(" on each entry. Resumed halves
// ("[ 232] <... epoll_wait resumed>"), signals ("---") and exits ("+++") are not entries.
const ENTRY = /^(\d+)\s+(\d+)\.(\d{6})\s+\[\s*(\d+)\]\s+([a-z0-9_]+)\(/;

/** Parses strace's output into syscall entries; throws on a process switching to the i386 ABI. */
export function parseStrace(text: string): StraceCall[] {
  const calls: StraceCall[] = [];
  for (const line of text.split('\n')) {
    // -n prints i386 numbers for such a process: the numbers would mean other calls.
    if (line.includes('bit mode')) throw new Error(`a traced process changed ABI: ${line}`);
    const m = ENTRY.exec(line);
    if (m) calls.push({ pid: Number(m[1]), tsUs: Number(m[2]) * 1e6 + Number(m[3]), nr: Number(m[4]), name: m[5]! });
  }
  return calls;
}

/** `strace -f` attached from the host to running processes, writing to a file. */
export class StraceSession {
  private constructor(
    private readonly child: ChildProcess,
    private readonly file: string,
    private readonly closed: Promise<void>,
  ) {}

  /** Attaches to every pid (all their threads, and every process they fork from now on). */
  static async attach(pids: readonly number[], file: string, timeoutMs = 10_000): Promise<StraceSession> {
    if (pids.length === 0) throw new Error('no process to attach strace to');
    const args = ['-f', '-n', '-ttt', '-o', file, ...pids.flatMap((p) => ['-p', String(p)])];
    const child = spawn('strace', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
    const pending = new Set(pids);
    const said: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`strace did not attach to ${[...pending].join(' ')}:\n${said.join('\n')}`)), timeoutMs);
      // Without -q strace says "Process N attached" for each thread: wait for every pid given.
      createInterface({ input: child.stderr! }).on('line', (line) => {
        said.push(line);
        const m = /Process (\d+) attached/.exec(line);
        if (m) pending.delete(Number(m[1]));
        if (pending.size === 0) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('error', (err) => (clearTimeout(timer), reject(err)));
      child.once('close', (code) => (clearTimeout(timer), reject(new Error(`strace exited (${code}):\n${said.join('\n')}`))));
    });
    return new StraceSession(child, file, closed);
  }

  /** Detaches (SIGINT makes strace let go of every process, which runs on) and returns what it saw. */
  async detach(): Promise<StraceCall[]> {
    if (this.child.exitCode === null) this.child.kill('SIGINT');
    await this.closed;
    return parseStrace(await readFile(this.file, 'utf8'));
  }
}
