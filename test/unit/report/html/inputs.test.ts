import { describe, expect, it } from 'vitest';
import { InputFileError } from '../../../../src/shared/errors.js';
import { debianPackageVersion, parseKeptCorpus, parseRunReport } from '../../../../src/report/html/inputs.js';
import { loadRun } from './fixture.js';

describe('report inputs', () => {
  it('reject a file that is not report.json with one line naming it', () => {
    for (const [text, why] of [
      ['{', 'not valid JSON'],
      ['[]', 'top level'],
      ['{"target":"x"}', '"image"'],
    ] as const) {
      let err: unknown;
      try {
        parseRunReport(text, 'DIR/report.json');
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InputFileError);
      expect((err as Error).message).toContain('DIR/report.json');
      expect((err as Error).message).toContain(why);
      expect((err as Error).message).not.toContain('\n');
    }
    const { report } = loadRun();
    const broken = { ...report, syscalls: [{ name: 'read' }] };
    expect(() => parseRunReport(JSON.stringify(broken), 'r.json')).toThrow(/syscalls\[0\]/);
  });

  it('read the kept units of corpus.json', () => {
    const corpus = loadRun().corpus;
    expect(corpus.seed).toBe(1);
    expect(corpus.generator).toBe('http');
    expect(corpus.units.map((u) => u.index)).toEqual([3, 6, 12, 28]);
    expect(() => parseKeptCorpus('{"units":[]}', 'c.json')).toThrow(InputFileError);
  });

  it('find an installed package version in dpkg status text', () => {
    const status = [
      'Package: golang-github-docker-docker-dev\nStatus: install ok installed\nVersion: 20.10.24+dfsg1-1+deb12u1',
      'Package: golang-github-docker-docker-dev-extra\nStatus: install ok installed\nVersion: 9',
      'Package: removed\nStatus: deinstall ok config-files\nVersion: 1',
    ].join('\n\n');
    expect(debianPackageVersion(status, 'golang-github-docker-docker-dev')).toBe('20.10.24+dfsg1-1+deb12u1');
    expect(debianPackageVersion(status, 'removed')).toBeUndefined();
    expect(debianPackageVersion(status, 'absent')).toBeUndefined();
  });
});
