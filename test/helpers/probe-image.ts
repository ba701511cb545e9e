import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type Docker from 'dockerode';

const run = promisify(execFile);
const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/** Compiles the probe (with or without its rare calls) and builds a FROM-scratch image of it. */
export function buildProbeImage(docker: Docker, variant: 'plain' | 'rare'): Promise<string> {
  const flags = variant === 'rare' ? ['-DWITH_RARE'] : [];
  return buildStaticImage(docker, join(FIXTURES, 'probe', 'probe.c'), `sandfuzz-test/probe-${variant}:latest`, flags);
}

/** The socket probe (test/fixtures/sockprobe/sockprobe.c): opens the sockets it is told to, says which opened. */
export function buildSockprobeImage(docker: Docker): Promise<string> {
  return buildStaticImage(docker, join(FIXTURES, 'sockprobe', 'sockprobe.c'), 'sandfuzz-test/sockprobe:latest', []);
}

/** Compiles a -nostdlib C file and builds a FROM-scratch image whose entrypoint is /probe. */
async function buildStaticImage(docker: Docker, source: string, tag: string, flags: readonly string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sandfuzz-probe-'));
  try {
    await run('gcc', ['-O1', '-static', '-nostdlib', '-fno-stack-protector', ...flags, '-o', join(dir, 'probe'), source]);
    await writeFile(join(dir, 'Dockerfile'), 'FROM scratch\nCOPY probe /probe\nENTRYPOINT ["/probe"]\n');
    const stream = await docker.buildImage({ context: dir, src: ['Dockerfile', 'probe'] }, { t: tag, rm: true });
    await new Promise<void>((resolve, reject) =>
      docker.modem.followProgress(stream, (err, out: Array<{ error?: string }>) => {
        const failed = out?.find((o) => o.error);
        if (err || failed) reject(err ?? new Error(failed!.error));
        else resolve();
      }),
    );
    return tag;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The syscalls the probe itself makes, by ABI (runc's execve of it comes on top). */
export const PROBE_SYSCALLS = {
  plain: { x86_64: ['uname', 'getcwd', 'nanosleep', 'write', 'exit_group'], i386: [] as string[] },
  rare: { x86_64: ['uname', 'getcwd', 'sysinfo', 'nanosleep', 'write', 'exit_group'], i386: ['getpid'] },
} as const;
