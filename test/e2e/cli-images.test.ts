import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/shared/package-root.js';
import { parseProfile } from '../../src/profile/parse.js';
import { requireHost } from '../helpers/host.js';
import { TARGETS } from '../helpers/targets.js';
import { ensureImage } from '../../targets/build.js';
import { DockerodeImageStore } from '../../src/engine/docker/dockerode-images.js';

// The CLI as a user runs it (the built bin, as `npx sandfuzz` runs it): one-off runs of any local
// image, and the one-line refusals of bad target files, missing images and remote engines.
const BIN = join(packageRoot(), 'dist', 'src', 'cli', 'main.js');
const RENAMED = 'sandfuzz-test/renamed-web:1';
let dir: string;

function sandfuzz(args: readonly string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 300_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  const docker = await requireHost();
  await ensureImage(new DockerodeImageStore(docker), TARGETS.nginx);
  // nginx under a name sandfuzz has never seen: no built-in knows it.
  await docker.getImage(TARGETS.nginx.image).tag({ repo: 'sandfuzz-test/renamed-web', tag: '1' });
  dir = await mkdtemp(join(tmpdir(), 'sandfuzz-cli-'));
}, 300_000);

afterAll(async () => {
  const docker = await requireHost();
  await docker
    .getImage(RENAMED)
    .remove()
    .catch(() => undefined);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('sandfuzz run --image', () => {
  it('mines a re-tagged nginx given only --image, --protocol and --port, and proves the profile', async () => {
    const out = join(dir, 'renamed');
    const r = sandfuzz(['run', '--image', RENAMED, '--protocol', 'http', '--port', '80', '--seed', '2', '--out', out, '--json']);
    expect(r.stderr.split('\n').filter((l) => /error|Error:/.test(l))).toEqual([]);
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(summary).toMatchObject({ target: 'renamed-web', enforcement: { ok: true } });
    expect(summary.allowed).toBeGreaterThan(40);
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8'));
    expect(report).toMatchObject({ image: RENAMED, protocol: 'http', port: 80, targetSource: 'command-line' });
    expect(parseProfile(await readFile(join(out, 'seccomp.json'), 'utf8'), 'seccomp.json').sandfuzz).toMatchObject({
      image: RENAMED,
      targetSource: 'command-line',
    });
  }, 300_000);

  it('guesses protocol and port from EXPOSE when not given, and says so', () => {
    const r = sandfuzz([
      'run',
      '--image',
      RENAMED,
      '--seed',
      '2',
      '--max-time',
      '3s',
      '--min-units',
      '1',
      '--no-enforce',
      '--out',
      join(dir, 'guessed'),
    ]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("guessed protocol http and port 80 from the image's EXPOSE 80");
  }, 300_000);

  it('refuses an image the engine does not have in one line, without pulling', () => {
    const r = sandfuzz(['run', '--image', 'sandfuzz-test/not-here:404', '--port', '80']);
    expect(r.status).toBe(66);
    expect(r.stderr.trim().split('\n')).toEqual([
      'sandfuzz: image sandfuzz-test/not-here:404 is not on the local Docker engine (sandfuzz never pulls): build or load it first (docker build -t sandfuzz-test/not-here:404 ., or docker load -i FILE)',
    ]);
  });

  it('refuses a DOCKER_HOST on another machine in one line', () => {
    const r = sandfuzz(['run', '--image', RENAMED], { DOCKER_HOST: 'tcp://192.0.2.10:2376' });
    expect(r.status).toBe(76);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('the tracer must run where the containers run');
  });
});

describe('sandfuzz run --target FILE with a bad file', () => {
  it.each([
    ['wrong-type.yaml', `image: ${RENAMED}\nport: eighty\n`, 65, 'sandfuzz: wrong-type.yaml: port: expected a port number'],
    ['unknown-key.yaml', `image: ${RENAMED}\nprotocl: http\n`, 65, "sandfuzz: unknown-key.yaml: unknown key 'protocl'"],
    ['no-image.yaml', 'protocol: http\nport: 80\n', 65, 'sandfuzz: no-image.yaml: image: required: the image to mine'],
    [
      'absent-image.yaml',
      'image: sandfuzz-test/absent:1\nport: 80\n',
      66,
      'sandfuzz: image sandfuzz-test/absent:1 is not on the local Docker engine',
    ],
  ])('%s: one line naming the field or image, and its own exit code', async (name, text, code, line) => {
    const file = join(dir, name);
    await writeFile(file, text);
    const r = sandfuzz(['run', '--target', file, '--out', join(dir, `out-${name}`)]);
    expect(r.status).toBe(code);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(line);
  });
});
