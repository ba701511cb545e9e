import { spawn } from 'node:child_process';
import type { Endpoint } from '../types.js';

/** How a host command ended: its exit code, or the signal that ended it, or the timeout. */
export interface HostCommandResult {
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly timedOut: boolean;
  /** The last lines it printed (stdout and stderr), for details in reports; never in answers. */
  readonly tail: string;
  /** Why it could not even start (ENOENT...), when it could not. */
  readonly spawnError?: string;
}

const TAIL_BYTES = 4096;

/**
 * What a host command is told about the service under test: where its port is published, and a
 * URL with the protocol's scheme (http://127.0.0.1:49153).
 */
export function serviceEnvironment(endpoint: Endpoint, scheme: string): Record<string, string> {
  return {
    SANDFUZZ_HOST: endpoint.host,
    SANDFUZZ_PORT: String(endpoint.port),
    SANDFUZZ_URL: `${scheme}://${endpoint.host}:${endpoint.port}`,
  };
}

/**
 * Runs a command on the host, without a shell, in its own process group so a timeout or an
 * interrupt ends it and everything it started. Never throws: a failure is in the result.
 */
export function runHostCommand(
  cmd: readonly string[],
  options: { readonly cwd: string; readonly env: Readonly<Record<string, string>>; readonly timeoutMs: number; readonly signal?: AbortSignal },
): Promise<HostCommandResult> {
  return new Promise((resolve) => {
    let tail = '';
    let timedOut = false;
    const keep = (chunk: Buffer): void => {
      tail = (tail + chunk.toString('utf8')).slice(-TAIL_BYTES);
    };
    const child = spawn(cmd[0]!, cmd.slice(1), {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const killGroup = (): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, options.timeoutMs);
    const onAbort = (): void => killGroup();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    let spawnError: string | undefined;
    child.once('error', (err) => {
      spawnError = err.message;
    });
    child.once('close', (code, sig) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      // Children it left in its group (a server it forgot to stop) go with it.
      killGroup();
      resolve({ exitCode: code, signal: sig, timedOut, tail: tail.trim(), ...(spawnError ? { spawnError } : {}) });
    });
  });
}

/** The stable one-word-first answer for a host command's end: 'exit 0', 'exit 3', 'timeout', 'signal SIGSEGV'. */
export function hostCommandAnswer(r: HostCommandResult): string {
  if (r.spawnError) return 'not-started';
  if (r.timedOut) return 'timeout';
  if (r.signal) return `signal ${r.signal}`;
  return `exit ${r.exitCode}`;
}
