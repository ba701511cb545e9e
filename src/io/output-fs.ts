import { mkdir, realpath, rename, rm, stat } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-write.js';

export type PathKind = 'directory' | 'file' | 'other' | 'missing';

/**
 * The file system writes of a run, as one seam (nodeOutputFs is the real one, test/fakes/ has
 * FakeFs). Every method may reject; callers turn failures into OutputError.
 */
export interface OutputFs {
  /** What is at a path (following links), or 'missing'. */
  kind(path: string): Promise<PathKind>;
  /** The path with every link resolved; the path must exist. */
  realpath(path: string): Promise<string>;
  /** Creates one directory whose parent exists (never recursive: see output-dir.ts). */
  mkdir(path: string): Promise<void>;
  /** Readers see the old file or the complete new one, never a half-written one (atomic-write.ts). */
  write(path: string, data: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Removes a file; no error when it is not there. */
  remove(path: string): Promise<void>;
}

export const nodeOutputFs: OutputFs = {
  kind: async (path) => {
    try {
      const s = await stat(path);
      return s.isDirectory() ? 'directory' : s.isFile() ? 'file' : 'other';
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
      throw err;
    }
  },
  realpath: (path) => realpath(path),
  mkdir: async (path) => {
    await mkdir(path);
  },
  write: (path, data) => writeFileAtomic(path, data),
  rename: (from, to) => rename(from, to),
  remove: (path) => rm(path, { force: true }),
};
