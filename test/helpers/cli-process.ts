import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { OWNER_PID_LABEL } from '../../src/engine/container-session.js';
import { packageRoot } from '../../src/shared/package-root.js';

/** The built CLI, as a user runs it. */
export const BIN = join(packageRoot(), 'dist', 'src', 'cli', 'main.js');

/** A sandfuzz process running in the background, for tests that disturb it while it works. */
export interface CliProcess {
  readonly pid: number;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (128 + n for a signal). */
  readonly exited: Promise<number>;
  /** Ends it if it still runs (a failed test must not leave it mining). */
  stop(): void;
}

export function startCli(args: readonly string[]): CliProcess {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const exited = new Promise<number>((resolve) => child.once('close', (code, signal) => resolve(code ?? 128 + (signal === 'SIGKILL' ? 9 : 15))));
  const stop = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  return { pid: child.pid!, stdout: () => out, stderr: () => err, exited, stop };
}

export async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Containers a sandfuzz process started (by its owner label), running or not. */
export async function containersOf(docker: Docker, pid: number, opts: { running?: boolean; purpose?: string } = {}): Promise<Docker.ContainerInfo[]> {
  const label = [`${OWNER_PID_LABEL}=${pid}`, ...(opts.purpose ? [`sandfuzz=${opts.purpose}`] : [])];
  return docker.listContainers({ all: opts.running !== true, filters: { label } });
}

/**
 * Tracer processes a sandfuzz process started: each takes sandfuzz's pid as an argument (the
 * libbpf tracer as `--pid PID`, bpftrace's program as its last argument).
 */
export async function tracersOf(pid: number): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const argv = (await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')).split('\0').filter(Boolean);
    const libbpf = argv[0]?.endsWith('/sandfuzz-trace') && argv[argv.indexOf('--pid') + 1] === String(pid);
    const bpftrace = argv.some((a) => a.endsWith('bpftrace')) && argv.at(-1) === String(pid);
    if (libbpf || bpftrace) found.push(Number(entry));
  }
  return found;
}

/** What a finished sandfuzz process left behind: nothing, if it cleaned up. */
export async function leftovers(docker: Docker, pid: number): Promise<{ containers: string[]; tracers: number[] }> {
  return { containers: (await containersOf(docker, pid)).map((c) => c.Names[0] ?? c.Id), tracers: await tracersOf(pid) };
}
