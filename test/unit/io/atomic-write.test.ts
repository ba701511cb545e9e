import * as fsp from 'node:fs/promises';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OutputError } from '../../../src/shared/errors.js';
import { writeFileAtomic, writeJsonAtomic } from '../../../src/io/atomic-write.js';

// Wrap open/rename so single calls can be made to fail; by default they behave normally.
vi.mock('node:fs/promises', async (importOriginal) => {
  const orig = await importOriginal<typeof import('node:fs/promises')>();
  return { ...orig, open: vi.fn(orig.open), rename: vi.fn(orig.rename) };
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sf-atomic-'));
});
afterEach(() => {
  vi.mocked(fsp.open).mockReset();
  vi.mocked(fsp.rename).mockReset();
  rmSync(dir, { recursive: true, force: true });
});

async function outputError(p: Promise<unknown>): Promise<OutputError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OutputError);
  expect((err as OutputError).message).not.toContain('\n');
  return err as OutputError;
}

describe('writeFileAtomic', () => {
  it('creates and replaces a file, leaving no temp file', async () => {
    const target = join(dir, 'profile.json');
    await writeFileAtomic(target, 'one');
    expect(readFileSync(target, 'utf8')).toBe('one');
    await writeFileAtomic(target, new TextEncoder().encode('two'));
    expect(readFileSync(target, 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['profile.json']);
  });

  it('throws OutputError naming the path when the directory is missing', async () => {
    const target = join(dir, 'missing', 'profile.json');
    const err = await outputError(writeFileAtomic(target, 'x'));
    expect(err.message).toContain(target);
    expect(err.cause).toBeDefined();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('removes the temp file when the rename fails (target is a directory)', async () => {
    const target = join(dir, 'taken');
    mkdirSync(target);
    writeFileSync(join(target, 'keep'), 'k');
    await outputError(writeFileAtomic(target, 'x'));
    expect(readdirSync(dir)).toEqual(['taken']);
    expect(readdirSync(target)).toEqual(['keep']);
  });

  it('keeps the old content intact when the rename fails', async () => {
    const target = join(dir, 'profile.json');
    writeFileSync(target, 'old complete content');
    vi.mocked(fsp.rename).mockRejectedValueOnce(Object.assign(new Error('EXDEV: simulated'), { code: 'EXDEV' }));
    const err = await outputError(writeFileAtomic(target, 'new content'.repeat(10_000)));
    expect(err.message).toMatch(/simulated/);
    expect(readFileSync(target, 'utf8')).toBe('old complete content');
    expect(readdirSync(dir)).toEqual(['profile.json']);
  });

  it('removes the temp file when fsync fails', async () => {
    const target = join(dir, 'profile.json');
    const realOpen = (await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises')).open;
    vi.mocked(fsp.open).mockImplementationOnce(async (...args: Parameters<typeof realOpen>) => {
      const handle = await realOpen(...args);
      handle.sync = () => Promise.reject(new Error('EIO: simulated'));
      return handle;
    });
    await outputError(writeFileAtomic(target, 'data'));
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('writeJsonAtomic', () => {
  it('writes 2-space JSON with a trailing newline', async () => {
    const target = join(dir, 'x.json');
    await writeJsonAtomic(target, { a: [1] });
    expect(readFileSync(target, 'utf8')).toBe('{\n  "a": [\n    1\n  ]\n}\n');
  });

  it('turns unserialisable values into OutputError without touching the disk', async () => {
    const target = join(dir, 'x.json');
    await outputError(writeJsonAtomic(target, { big: 1n }));
    await outputError(writeJsonAtomic(target, undefined));
    expect(readdirSync(dir)).toEqual([]);
  });
});
