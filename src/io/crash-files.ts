import { join } from 'node:path';
import type { CrashRecord } from '../engine/crash.js';
import { buildCrashFile, CRASHES_DIR, crashFileName, type CrashContext } from '../report/crash-file.js';
import { describeError, OutputError } from '../shared/errors.js';
import { nodeOutputFs, type OutputFs } from './output-fs.js';

/**
 * Removes the crash files an earlier run left in the folder, so crashes/ only ever holds this
 * run's. Every run numbers its crashes from 1 without gaps: removing 1.json, 2.json... until one
 * is missing clears them all, without listing the folder.
 */
export async function clearCrashFiles(outDir: string, fs: OutputFs = nodeOutputFs): Promise<void> {
  for (let n = 1; (await fs.kind(join(outDir, crashFileName(n))).catch(() => 'missing')) === 'file'; n++) {
    await fs.remove(join(outDir, crashFileName(n))).catch((err: unknown) => {
      throw new OutputError(`cannot remove ${crashFileName(n)} left by an earlier run in ${outDir}: ${describeError(err)}`, { cause: err });
    });
  }
}

/**
 * What the engine calls on a crash: writes crashes/<n>.json at once (the run may still end badly
 * later, the reproducer must survive that) and resolves with its path.
 */
export function crashSaver(outDir: string, context: CrashContext, fs: OutputFs = nodeOutputFs): (crash: CrashRecord) => Promise<string> {
  const dir = join(outDir, CRASHES_DIR);
  return async (crash) => {
    const path = join(outDir, crashFileName(crash.n));
    try {
      if ((await fs.kind(dir)) === 'missing') await fs.mkdir(dir);
      await fs.write(path, `${JSON.stringify(buildCrashFile(crash, context, path), null, 2)}\n`);
    } catch (err) {
      if (err instanceof OutputError) throw err;
      throw new OutputError(`cannot save crash ${crash.n} to ${path}: ${describeError(err)}`, { cause: err });
    }
    return path;
  };
}
