import { dirname } from 'node:path';
import type { OutputFs, PathKind } from '../../src/io/output-fs.js';
import { OutputError } from '../../src/shared/errors.js';
import { Script } from './script.js';

/** An error as Node's fs raises it: `code` and the usual message. */
export function errnoError(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  const text: Record<string, string> = {
    ENOSPC: 'no space left on device',
    ENOENT: 'no such file or directory',
    EEXIST: 'file already exists',
    EACCES: 'permission denied',
    EROFS: 'read-only file system',
    ENOTDIR: 'not a directory',
  };
  return Object.assign(new Error(`${code}: ${text[code] ?? 'error'}, ${syscall} '${path}'`), { code, syscall, path });
}

/**
 * The output file system in memory. Calls go through `script` (kind, realpath, mkdir, write,
 * rename, remove) with the path as first argument; `failWrite` makes writes of matching files
 * fail as the real adapter does (an OutputError carrying the errno error).
 */
export class FakeFs implements OutputFs {
  readonly script = new Script();
  readonly dirs = new Set<string>(['/']);
  readonly files = new Map<string, string>();

  constructor(dirs: readonly string[] = ['/tmp']) {
    for (const d of dirs) this.addDir(d);
  }

  addDir(path: string): void {
    for (let p = path; !this.dirs.has(p); p = dirname(p)) this.dirs.add(p);
  }

  /** Makes writes of files whose name ends with `suffix` fail with `code` (ENOSPC: disk full). */
  failWrite(suffix: string, code = 'ENOSPC'): this {
    this.script.fail('write', errnoError(code, 'write', suffix), { match: (path) => String(path).endsWith(suffix) });
    return this;
  }

  kind(path: string): Promise<PathKind> {
    return this.script.run('kind', [path], () => (this.dirs.has(path) ? 'directory' : this.files.has(path) ? 'file' : 'missing'));
  }

  realpath(path: string): Promise<string> {
    return this.script.run('realpath', [path], () => path);
  }

  mkdir(path: string): Promise<void> {
    return this.script.run('mkdir', [path], () => {
      if (this.dirs.has(path) || this.files.has(path)) throw errnoError('EEXIST', 'mkdir', path);
      if (!this.dirs.has(dirname(path))) throw errnoError('ENOENT', 'mkdir', path);
      this.dirs.add(path);
    });
  }

  async write(path: string, data: string): Promise<void> {
    try {
      await this.script.run('write', [path, data], () => {
        if (!this.dirs.has(dirname(path))) throw errnoError('ENOENT', 'open', path);
        this.files.set(path, data);
      });
    } catch (err) {
      // As atomic-write.ts does: the temp file is gone, the target untouched.
      throw new OutputError(`cannot write ${path}: ${(err as Error).message}`, { cause: err });
    }
  }

  rename(from: string, to: string): Promise<void> {
    return this.script.run('rename', [from, to], () => {
      const data = this.files.get(from);
      if (data === undefined) throw errnoError('ENOENT', 'rename', from);
      this.files.delete(from);
      this.files.set(to, data);
    });
  }

  remove(path: string): Promise<void> {
    return this.script.run('remove', [path], () => void this.files.delete(path));
  }

  /** Names of the files in a folder, sorted. */
  /** Every file under dir, subfolders included, as sorted relative paths. */
  list(dir: string): string[] {
    return [...this.files.keys()]
      .filter((p) => p.startsWith(`${dir}/`))
      .map((p) => p.slice(dir.length + 1))
      .sort();
  }

  json(path: string): Record<string, unknown> {
    const text = this.files.get(path);
    if (text === undefined) throw new Error(`no file ${path}`);
    return JSON.parse(text) as Record<string, unknown>;
  }
}
