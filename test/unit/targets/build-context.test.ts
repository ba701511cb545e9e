import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mmdebstrapArgs, pickMirror } from '../../../targets/base/rootfs.js';
import { contextFiles } from '../../../targets/build.js';
import { packageRoot } from '../../../src/shared/package-root.js';
import { targetContextDir } from '../../../targets/paths.js';

describe('paths', () => {
  it('finds the package root from the sources and from a dist-like location', () => {
    const root = packageRoot();
    expect(targetContextDir('nginx')).toBe(join(root, 'targets', 'nginx'));
    // dist/targets/paths.js has no package.json beside it: the walk must go up to the root.
    expect(packageRoot(join(root, 'dist', 'targets', 'paths.js'))).toBe(root);
  });
});

describe('contextFiles', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lists build inputs recursively and sorted, leaving out TypeScript and compiled files', () => {
    dir = mkdtempSync(join(tmpdir(), 'sandfuzz-ctx-'));
    mkdirSync(join(dir, 'conf'));
    for (const f of ['Dockerfile', 'start.sh', 'target.ts', 'target.js', 'target.js.map', 'conf/a.conf']) {
      writeFileSync(join(dir, f), 'x');
    }
    return expect(contextFiles(dir)).resolves.toEqual(['Dockerfile', 'conf/a.conf', 'start.sh']);
  });

  it('sends the postgres start script and configs along with its Dockerfile', async () => {
    expect(await contextFiles(targetContextDir('postgres'))).toEqual(['Dockerfile', 'container.conf', 'pg_hba.conf', 'start.sh']);
  });
});

describe('mmdebstrap invocation', () => {
  it('prefers the deb822 sources, then sources.list, then the CDN', () => {
    const only =
      (...present: string[]) =>
      (p: string) =>
        present.includes(p);
    const deb822 = '/etc/apt/sources.list.d/debian.sources';
    expect(pickMirror(only(deb822, '/etc/apt/sources.list'))).toBe(deb822);
    expect(pickMirror(only('/etc/apt/sources.list'))).toBe('/etc/apt/sources.list');
    expect(pickMirror(only())).toBe('http://deb.debian.org/debian');
  });

  it('always passes a mirror, last, after the suite and the output file', () => {
    const args = mmdebstrapArgs('/tmp/x/rootfs.tar', 'http://m/debian');
    expect(args.slice(-3)).toEqual(['bookworm', '/tmp/x/rootfs.tar', 'http://m/debian']);
    expect(args).toContain('--include=nginx-light,redis-server,postgresql-15');
  });
});
