import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { ImageBuildError, InterruptedError, PrerequisiteError } from '../../src/shared/errors.js';

export const BASE_SUITE = 'bookworm';
/** The servers every target runs; apt pulls in only their dependencies (no Recommends). */
export const BASE_PACKAGES: readonly string[] = ['nginx-light', 'redis-server', 'postgresql-15'];
/** A mirror that is slow or stuck must not hang a run forever. */
const MMDEBSTRAP_TIMEOUT_MS = 15 * 60_000;

/**
 * The mirror argument for mmdebstrap: the host's own apt sources when present (they work behind the
 * host's proxy or mirror), else Debian's CDN. Always passing one matters: without it, mmdebstrap
 * reads sources from a non-terminal stdin, which breaks under CI.
 */
export function pickMirror(exists: (path: string) => boolean = existsSync): string {
  for (const file of ['/etc/apt/sources.list.d/debian.sources', '/etc/apt/sources.list']) {
    if (exists(file)) return file;
  }
  return 'http://deb.debian.org/debian';
}

export function mmdebstrapArgs(outTar: string, mirror: string): string[] {
  return ['--variant=apt', `--include=${BASE_PACKAGES.join(',')}`, BASE_SUITE, outTar, mirror];
}

/** Builds the Debian rootfs tarball at `outTar` with mmdebstrap; stderr lines go to `log`; `signal` kills it. */
export function buildRootfs(outTar: string, log?: (line: string) => void, signal?: AbortSignal): Promise<void> {
  const args = mmdebstrapArgs(outTar, pickMirror());
  log?.(`mmdebstrap ${args.join(' ')}`);
  const child = spawn('mmdebstrap', args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: MMDEBSTRAP_TIMEOUT_MS,
    // SIGTERM (the default kill signal) lets mmdebstrap remove its temporary chroot.
    ...(signal ? { signal } : {}),
  });
  const tail: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => {
    log?.(line);
    tail.push(line);
    if (tail.length > 50) tail.shift();
  });
  return new Promise((resolve, reject) => {
    child.once('error', (err: NodeJS.ErrnoException) => {
      if (err.name === 'AbortError') {
        reject(new InterruptedError('interrupted while building the base image'));
      } else if (err.code === 'ENOENT') {
        reject(new PrerequisiteError('mmdebstrap not found: install it with apt-get install mmdebstrap'));
      } else {
        reject(new ImageBuildError(`mmdebstrap failed to start: ${err.message}`, { cause: err }));
      }
    });
    child.once('close', (code, signal) => {
      if (code === 0) return resolve();
      const why = signal ? `killed by ${signal}` : `exited with code ${code}`;
      reject(new ImageBuildError(`mmdebstrap ${why}: ${lastErrorLine(tail)}`));
    });
  });
}

/** mmdebstrap prefixes errors with "E:"; fall back to the last line it printed. */
function lastErrorLine(lines: readonly string[]): string {
  const errors = lines.filter((l) => l.startsWith('E:'));
  return (errors.at(-1) ?? lines.at(-1) ?? 'no output').trim();
}
