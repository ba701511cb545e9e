import { dirname, join, resolve, sep } from 'node:path';
import { describeError, OutputError } from '../shared/errors.js';
import type { OutputFs } from './output-fs.js';

/**
 * Kernel file systems: nothing written there is stored, and Node's recursive mkdir was seen
 * looping forever at full CPU on a path under /proc (it ignored SIGTERM too).
 */
const KERNEL_FILESYSTEMS = ['/proc', '/sys'];

function underKernelFs(path: string): string | undefined {
  return KERNEL_FILESYSTEMS.find((root) => path === root || path.startsWith(`${root}${sep}`));
}

function refuse(dir: string, why: string, cause?: unknown): OutputError {
  return new OutputError(`output folder ${dir}: ${why}`, cause === undefined ? undefined : { cause });
}

/** The folder itself and its ancestors up to the root, innermost first. */
function ancestry(dir: string): string[] {
  const chain = [dir];
  for (let p = dir; dirname(p) !== p; p = dirname(p)) chain.push(dirname(p));
  return chain;
}

/**
 * Makes sure a run can write its folder, before any image is built or container started: refuses
 * kernel file systems, creates missing folders one level at a time (no recursive mkdir), writes
 * and removes a probe file, then removes `stale` files an earlier run left there, so a folder
 * never mixes this run's files with another's. Returns the absolute folder; throws OutputError.
 */
export async function prepareOutputDir(fs: OutputFs, outDir: string, stale: readonly string[]): Promise<string> {
  const dir = resolve(outDir);
  const kernelFs = underKernelFs(dir);
  if (kernelFs) throw refuse(dir, `${kernelFs} is a kernel file system, not storage: choose another --out`);
  const chain = ancestry(dir);
  const missing: string[] = [];
  let existing: string | undefined;
  for (const p of chain) {
    const kind = await fs.kind(p).catch((err: unknown) => {
      throw refuse(dir, `cannot look at ${p}: ${describeError(err)}`, err);
    });
    if (kind === 'missing') {
      missing.push(p);
      continue;
    }
    if (kind !== 'directory') throw refuse(dir, `${p} exists and is not a folder`);
    existing = p;
    break;
  }
  if (existing === undefined) throw refuse(dir, 'no part of the path exists');
  // A link can lead into a kernel file system too.
  const real = await fs.realpath(existing).catch(() => existing!);
  const realKernelFs = underKernelFs(real);
  if (realKernelFs) throw refuse(dir, `${existing} leads to ${real}, under ${realKernelFs}, a kernel file system: choose another --out`);
  for (const p of missing.reverse()) {
    await fs.mkdir(p).catch(async (err: unknown) => {
      // Another run (--jobs) may have created it in between.
      if ((err as NodeJS.ErrnoException).code === 'EEXIST' && (await fs.kind(p).catch(() => 'missing')) === 'directory') return;
      throw refuse(dir, `cannot create ${p}: ${describeError(err)}`, err);
    });
  }
  const probe = join(dir, `.sandfuzz-write-probe-${process.pid}`);
  try {
    await fs.write(probe, 'sandfuzz checks it can write here\n');
    await fs.remove(probe);
  } catch (err) {
    throw refuse(dir, `not writable: ${describeError(err)}`, err);
  }
  for (const name of stale) {
    await fs.remove(join(dir, name)).catch((err: unknown) => {
      throw refuse(dir, `cannot remove ${name} left by an earlier run: ${describeError(err)}`, err);
    });
  }
  return dir;
}
