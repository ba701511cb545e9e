import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareOutputDir } from '../../../src/io/output-dir.js';
import { nodeOutputFs } from '../../../src/io/output-fs.js';
import { OutputError } from '../../../src/shared/errors.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sf-outdir-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function refusal(out: string): Promise<OutputError> {
  const err = await prepareOutputDir(nodeOutputFs, out, []).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OutputError);
  expect((err as OutputError).exitCode).toBe(74);
  return err as OutputError;
}

describe('prepareOutputDir on the real file system', () => {
  it('creates missing folders one level at a time, leaves no probe file, removes only stale run files', async () => {
    const out = join(dir, 'a', 'b', 'c');
    expect(await prepareOutputDir(nodeOutputFs, out, [])).toBe(out);
    expect(readdirSync(out)).toEqual([]);
    writeFileSync(join(out, 'seccomp.json'), '{}');
    writeFileSync(join(out, 'notes.txt'), 'mine');
    await prepareOutputDir(nodeOutputFs, out, ['seccomp.json', 'report.json']);
    expect(readdirSync(out)).toEqual(['notes.txt']);
  });

  it('refuses /proc and /sys at once, without touching them', async () => {
    const started = Date.now();
    expect((await refusal('/proc/x')).message).toMatch(/^output folder \/proc\/x: \/proc is a kernel file system/);
    await refusal('/sys/kernel/sandfuzz');
    await refusal('/proc');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('refuses a link that leads into /proc', async () => {
    symlinkSync('/proc/self', join(dir, 'link'));
    expect((await refusal(join(dir, 'link', 'out'))).message).toMatch(/leads to \/proc\/\d+, under \/proc/);
  });

  it('refuses a path through a file, in one line', async () => {
    writeFileSync(join(dir, 'file'), 'x');
    const err = await refusal(join(dir, 'file', 'out'));
    expect(err.message).not.toContain('\n');
  });
});
