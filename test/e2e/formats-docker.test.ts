import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Dockerode from 'dockerode';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureImage } from '../../targets/build.js';
import { DockerodeImageStore } from '../../src/engine/docker/dockerode-images.js';
import { TARGETS } from '../helpers/targets.js';
import { convert } from '../../src/cli/commands/convert.js';
import { merge } from '../../src/cli/commands/merge.js';
import { parseAnyProfile } from '../../src/profile/formats/index.js';
import { serializeProfile } from '../../src/profile/serialize.js';

// Real Docker, no mocks: does the engine accept what convert and merge write? Without an engine
// these tests fail (never skip): CI installs Docker, so a skip would hide a broken setup.
const docker = new Dockerode();
const TEST_LABELS = { sandfuzz: 'test' };
const IMAGE = TARGETS.nginx.image;
const FIXTURE = (name: string) => new URL(`../fixtures/profiles/${name}`, import.meta.url).pathname;
const REAL = [FIXTURE('nginx-run2.json'), FIXTURE('nginx-run3.json')];
const created: Dockerode.Container[] = [];
const quiet = new Writable({ write: (_c, _e, done) => done() });

let dir: string;
let prepared: Promise<void>;
// A throwing beforeAll would only mark the tests skipped; awaiting it in each test fails them.
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandfuzz-formats-e2e-'));
  prepared = (async () => {
    await docker.ping().catch((err: Error) => {
      throw new Error(`Docker engine not reachable: ${err.message}`);
    });
    await ensureImage(new DockerodeImageStore(docker), TARGETS.nginx);
  })();
  await prepared.catch(() => undefined);
}, 900_000);

afterEach(async () => {
  await Promise.all(created.splice(0).map((c) => c.remove({ force: true, v: true }).catch(() => undefined)));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `docker run --rm --security-opt seccomp=FILE IMAGE nginx -t`: the API takes the profile's text. */
async function nginxTest(profileFile: string): Promise<{ exitCode: number; output: string }> {
  await prepared;
  const container = await docker.createContainer({
    Image: IMAGE,
    Cmd: ['nginx', '-t'],
    Tty: true, // one raw output stream, no multiplexing headers
    Labels: TEST_LABELS,
    HostConfig: { SecurityOpt: [`seccomp=${await readFile(profileFile, 'utf8')}`] },
  });
  created.push(container);
  await container.start();
  const { StatusCode } = (await container.wait()) as { StatusCode: number };
  const output = String(await container.logs({ stdout: true, stderr: true }));
  return { exitCode: StatusCode, output };
}

describe('Docker accepts converted and merged profiles', () => {
  it('runs nginx -t under the merge of two real mined profiles', async () => {
    const out = join(dir, 'merged.json');
    await merge(REAL, { out, format: 'docker' }, quiet);
    const r = await nginxTest(out);
    expect(r.output).toContain('test is successful');
    expect(r.exitCode).toBe(0);
  });

  it('runs nginx -t under a docker -> oci -> docker round trip, and under the oci output itself', async () => {
    const oci = join(dir, 'p.oci.json');
    const back = join(dir, 'p.back.json');
    await convert(REAL[1]!, { format: 'oci', out: oci });
    await convert(oci, { format: 'docker', out: back });
    for (const file of [back, oci]) {
      const r = await nginxTest(file);
      expect(r.output, file).toContain('test is successful');
      expect(r.exitCode, file).toBe(0);
    }
  });

  it('enforces the merged profile: without uname, nginx -t fails with EPERM', async () => {
    // Control: proves the profile is applied, so the passes above mean something.
    const merged = join(dir, 'merged-control.json');
    await merge(REAL, { out: merged, format: 'docker' }, quiet);
    const p = parseAnyProfile(await readFile(merged, 'utf8'), merged).profile;
    const [allow, ...rest] = p.syscalls;
    const without = join(dir, 'no-uname.json');
    await writeFile(without, serializeProfile({ ...p, syscalls: [{ ...allow!, names: allow!.names.filter((n) => n !== 'uname') }, ...rest] }));
    const r = await nginxTest(without);
    expect(r.output).toContain('uname() failed (1: Operation not permitted)');
    expect(r.exitCode).not.toBe(0);
  });
});
