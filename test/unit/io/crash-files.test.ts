import { describe, expect, it } from 'vitest';
import { buildCrashRecord, judgeHealth } from '../../../src/engine/crash.js';
import type { UnitRecord } from '../../../src/engine/session.js';
import { clearCrashFiles, crashSaver } from '../../../src/io/crash-files.js';
import type { OutputFs, PathKind } from '../../../src/io/output-fs.js';
import { OutputError } from '../../../src/shared/errors.js';

/** Files and folders in a map: enough of a file system for the crash files. */
function memoryFs(files: Record<string, string> = {}, dirs: string[] = ['/out']): OutputFs & { files: Map<string, string>; dirs: Set<string> } {
  const f = new Map(Object.entries(files));
  const d = new Set(dirs);
  return {
    files: f,
    dirs: d,
    kind: async (p): Promise<PathKind> => (d.has(p) ? 'directory' : f.has(p) ? 'file' : 'missing'),
    realpath: async (p) => p,
    mkdir: async (p) => void d.add(p),
    write: async (p, data) => {
      if (!d.has(p.slice(0, p.lastIndexOf('/')))) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
      f.set(p, data);
    },
    rename: async () => {},
    remove: async (p) => void f.delete(p),
  };
}

const step = {
  kind: 'workload',
  index: 3,
  epoch: 3,
  role: 'sample',
  origin: 'stream',
  generator: 'http',
  unit: 'u',
  answers: [],
  family: 'http:x',
  description: 'GET /',
  startedMs: 0,
  durationMs: 0,
} as UnitRecord;
const verdict = judgeHealth({ running: false, exitCode: 139, oomKilled: false });
if (verdict.healthy) throw new Error('unreachable');
const crash = (n: number) => buildCrashRecord({ n, step, verdict, logs: '', atMs: 0, restartEpoch: 4 });
const context = { target: 'nginx', targetRef: 'nginx', image: 'i', imageId: 'sha256:x', sandfuzzVersion: 'v', generator: 'http', seed: 1 };

describe('crash files on disk', () => {
  it('creates crashes/ on the first crash and writes <n>.json there at once', async () => {
    const fs = memoryFs();
    const save = crashSaver('/out', context, fs);
    expect(await save(crash(1))).toBe('/out/crashes/1.json');
    expect(await save(crash(2))).toBe('/out/crashes/2.json');
    expect(JSON.parse(fs.files.get('/out/crashes/2.json')!)).toMatchObject({
      kind: 'sandfuzz-crash',
      crash: 2,
      reason: 'exited on SIGSEGV (exit code 139)',
    });
  });

  it('removes the crash files an earlier run left, and nothing else', async () => {
    const fs = memoryFs({ '/out/crashes/1.json': '', '/out/crashes/2.json': '', '/out/crashes/notes.txt': '' }, ['/out', '/out/crashes']);
    await clearCrashFiles('/out', fs);
    expect([...fs.files.keys()]).toEqual(['/out/crashes/notes.txt']);
  });

  it('a crash that cannot be saved is an OutputError (exit 74)', async () => {
    const fs = memoryFs();
    fs.mkdir = async () => {
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    };
    const err = await crashSaver('/out', context, fs)(crash(1)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutputError);
    expect((err as Error).message).toBe('cannot save crash 1 to /out/crashes/1.json: ENOSPC: no space left on device');
  });
});
