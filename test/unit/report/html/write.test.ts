import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InputFileError } from '../../../../src/shared/errors.js';
import { writeReportHtml } from '../../../../src/io/report-html.js';
import { readRunFolder } from '../../../../src/report/html/write.js';
import { DOCKER_DEFAULT, RUN_DIR } from './fixture.js';

const dirs: string[] = [];
function runDir(files = ['report.json', 'seccomp.json', 'corpus.json']): string {
  const dir = mkdtempSync(join(tmpdir(), 'sandfuzz-html-'));
  dirs.push(dir);
  for (const f of files) cpSync(join(RUN_DIR, f), join(dir, f));
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('writeReportHtml', () => {
  it('writes DIR/report.html atomically and returns its path', async () => {
    const dir = runDir();
    const path = await writeReportHtml(dir, { dockerDefaultPath: DOCKER_DEFAULT, dpkgStatusPath: join(dir, 'none') });
    expect(path).toBe(join(dir, 'report.html'));
    const page = readFileSync(path, 'utf8');
    expect(page).toContain('<svg');
    expect(page).toContain('which allows <strong>292</strong> x86_64 syscalls');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('renders a run held in memory, reading none of its files', async () => {
    const run = await readRunFolder(runDir());
    const empty = runDir([]);
    const page = readFileSync(await writeReportHtml(empty, { run, dockerDefaultPath: DOCKER_DEFAULT, dpkgStatusPath: join(empty, 'none') }), 'utf8');
    expect(page).toContain('which allows <strong>292</strong> x86_64 syscalls');
    expect(readdirSync(empty)).toEqual(['report.html']);
  });

  it('renders a run that was not proven from seccomp.partial.json, saying so, with its crashes', async () => {
    const dir = runDir(['corpus.json']);
    const report = JSON.parse(readFileSync(join(RUN_DIR, 'report.json'), 'utf8'));
    const crash = {
      n: 1,
      file: 'crashes/1.json',
      step: 26,
      family: 'http:malformed',
      description: 'GET /%00',
      reason: 'exited on SIGSEGV',
      exitCode: 139,
    };
    writeFileSync(
      join(dir, 'report.json'),
      JSON.stringify({ ...report, partial: true, partialReason: 'the enforcement proof failed', crashes: [crash] }),
    );
    cpSync(join(RUN_DIR, 'seccomp.json'), join(dir, 'seccomp.partial.json'));
    const page = readFileSync(await writeReportHtml(dir, { dockerDefaultPath: DOCKER_DEFAULT, dpkgStatusPath: join(dir, 'none') }), 'utf8');
    expect(page).toContain('Not proven: this profile is seccomp.partial.json');
    expect(page).toContain('the enforcement proof failed');
    expect(page).toContain('The server died 1 time while mined');
    expect(page).toContain('<code>crashes/1.json</code>: GET /%00 (http:malformed): exited on SIGSEGV');
  });

  it("renders without Docker's default profile and without corpus.json", async () => {
    const dir = runDir(['report.json', 'seccomp.json']);
    const page = readFileSync(await writeReportHtml(dir, { dockerDefaultPath: join(dir, 'missing.json') }), 'utf8');
    expect(page).toContain("No comparison with Docker's default profile");
    expect(page).toContain('golang-github-docker-docker-dev');
    expect(page).toContain('unit 3 is not in corpus.json');
  });

  it('notes an unusable default profile instead of failing', async () => {
    const dir = runDir();
    writeFileSync(join(dir, 'bad-default.json'), '{"nope": 1}');
    const page = readFileSync(await writeReportHtml(dir, { dockerDefaultPath: join(dir, 'bad-default.json') }), 'utf8');
    expect(page).toContain('is not usable');
  });

  it('fails with InputFileError for a folder without a valid report.json', async () => {
    const empty = runDir([]);
    await expect(writeReportHtml(empty)).rejects.toThrow(InputFileError);
    await expect(writeReportHtml(empty)).rejects.toThrow(/no report\.json/);
    const bad = runDir(['seccomp.json']);
    writeFileSync(join(bad, 'report.json'), '{"target": 1}');
    await expect(writeReportHtml(bad)).rejects.toThrow(/not a sandfuzz report\.json/);
    expect(existsSync(join(bad, 'report.html'))).toBe(false);
    const noProfile = runDir(['report.json']);
    await expect(writeReportHtml(noProfile)).rejects.toThrow(/no seccomp\.json/);
  });
});
