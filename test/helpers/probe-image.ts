import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type Docker from 'dockerode';

const run = promisify(execFile);
const SOURCE = join(import.meta.dirname, '..', 'fixtures', 'probe', 'probe.c');

/** Compiles the probe (with or without its rare calls) and builds a FROM-scratch image of it. */
export async function buildProbeImage(docker: Docker, variant: 'plain' | 'rare'): Promise<string> {
  const tag = `sandfuzz-test/probe-${variant}:latest`;
  const dir = await mkdtemp(join(tmpdir(), 'sandfuzz-probe-'));
  try {
    const flags = variant === 'rare' ? ['-DWITH_RARE'] : [];
    await run('gcc', ['-O1', '-static', '-nostdlib', '-fno-stack-protector', ...flags, '-o', join(dir, 'probe'), SOURCE]);
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
