import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { OutputError } from '../shared/errors.js';

/** Options for the atomic writers. */
export interface AtomicWriteOptions {
  /** File mode for a new file (default 0o644, before umask). */
  readonly mode?: number;
}

/**
 * Writes `data` to `path` so that readers see either the old file or the complete new one:
 * temp file in the same directory (same filesystem, so rename is atomic), fsync, rename.
 * On any failure the temp file is removed and an OutputError is thrown.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const dir = dirname(path);
  // Leading dot hides it from globs; pid + random bytes keep concurrent writers apart.
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let created = false;
  try {
    const handle = await open(tmp, 'wx', options.mode ?? 0o644);
    created = true;
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
    created = false;
  } catch (err) {
    if (created) await rm(tmp, { force: true }).catch(() => undefined);
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new OutputError(`cannot write ${path}: ${why}`, { cause: err });
  }
  await syncDir(dir);
}

/** writeFileAtomic of `value` as JSON: 2-space indent, trailing newline. */
export async function writeJsonAtomic(path: string, value: unknown, options: AtomicWriteOptions = {}): Promise<void> {
  let text: string | undefined;
  try {
    text = JSON.stringify(value, null, 2);
  } catch (err) {
    // BigInt values and cycles throw here: report them like any other output failure.
    throw new OutputError(`cannot write ${path}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  if (text === undefined) throw new OutputError(`cannot write ${path}: value is not JSON-serialisable`);
  await writeFileAtomic(path, `${text}\n`, options);
}

/** Makes the rename itself durable. Best effort: the new file is already complete and in place. */
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some filesystems refuse fsync on a directory; the data itself was synced before rename.
  }
}
