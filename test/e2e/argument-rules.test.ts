import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argumentEvidence } from '../../src/profile/args/trace-evidence.js';
import { DockerodeRuntime } from '../../src/engine/docker/dockerode-runtime.js';
import { miningProfileJson } from '../../src/engine/mining-profile.js';
import { TRACERS, DEFAULT_TRACER } from '../../src/engine/tracer/tracers.js';
import { ContainerTrace } from '../../src/engine/tracer/container-trace.js';
import type { ArgumentEvidence } from '../../src/profile/args/index.js';
import { buildProfileWithRules, type Observation } from '../../src/profile/build.js';
import { RUNTIME_BASE_SYSCALLS } from '../../src/profile/runtime-base.js';
import { serializeProfile } from '../../src/profile/serialize.js';
import { syscallName } from '../../src/syscalls/index.js';
import { runSockprobe, socketFamiliesUnder } from '../helpers/acceptance.js';
import { requireHost } from '../helpers/host.js';
import { buildSockprobeImage } from '../helpers/probe-image.js';

let runtime: DockerodeRuntime;
let image: string;
/** What the probe opens while mined: AF_UNIX, AF_INET and AF_INET6 streams, a netlink route socket. */
const USED = ['1:1', '2:1', '10:1', '16:3:0'];
let observed: Observation[];
let evidence: ArgumentEvidence[];

/** Runs the probe traced under the mining profile; returns what a profile is built from. */
async function mineProbe(args: readonly string[]): Promise<{ observed: Observation[]; evidence: ArgumentEvidence[]; exitCode: number }> {
  const tracer = TRACERS[DEFAULT_TRACER].create();
  const trace = new ContainerTrace();
  tracer.onLine((l) => trace.push(l));
  await tracer.start();
  try {
    const id = await runtime.create({
      image,
      name: `sandfuzz-test-sockprobe-mine-${Date.now()}`,
      seccompProfile: miningProfileJson(),
      cmd: args,
      labels: { sandfuzz: 'test' },
    });
    try {
      tracer.mark(0);
      trace.select((await runtime.start(id)).mntns);
      const exitCode = await runtime.wait(id);
      await tracer.sync(1);
      const names = trace.firstUses().flatMap((u) => {
        const name = syscallName(u.abi, u.nr);
        return name ? [{ abi: u.abi, name }] : [];
      });
      const base = RUNTIME_BASE_SYSCALLS.map((name) => ({ abi: 'x86_64' as const, name }));
      return {
        observed: [...names, ...base],
        evidence: argumentEvidence(trace.argumentUses(), { stepOf: () => undefined, stopEpoch: 1e9 }),
        exitCode,
      };
    } finally {
      await runtime.remove(id);
    }
  } finally {
    await tracer.stop();
  }
}

const profileOf = (ev: readonly ArgumentEvidence[]): string =>
  serializeProfile(buildProfileWithRules({ observed, arguments: ev, args: 'mined', provenance: { version: 'test' } }).profile);

beforeAll(async () => {
  runtime = new DockerodeRuntime(await requireHost());
  image = await buildSockprobeImage(runtime.docker);
  const mined = await mineProbe(['hold', '1', ...USED]);
  expect(mined.exitCode).toBe(0);
  ({ observed, evidence } = mined);
}, 120_000);

afterAll(async () => {
  await runtime?.docker
    .getImage(image)
    .remove({ force: true })
    .catch(() => {});
});

describe('argument rules mined from a program whose sockets are known', () => {
  it('the tracer records each socket the program opened, with family, type and protocol', () => {
    const sockets = evidence.filter((e) => e.syscall === 'socket').map((e) => e.values.join(':'));
    expect(sockets).toEqual(['1:1:0', '2:1:0', '10:1:0', '16:3:0']);
  });

  it('under the mined profile the program runs, and exactly the used families open; the rest answer EAFNOSUPPORT', async () => {
    const profile = profileOf(evidence);
    expect((await runSockprobe(runtime, image, profile, ['hold', '1', ...USED])).exitCode).toBe(0);
    const opened = await socketFamiliesUnder(runtime, image, profile);
    expect(opened).toMatchObject({ AF_UNIX: 'ok', AF_INET: 'ok', AF_INET6: 'ok', AF_NETLINK: 'ok' });
    // EAFNOSUPPORT (97), what a kernel without the family answers: software that probes falls back.
    for (const family of ['AF_PACKET', 'AF_KEY', 'AF_ALG', 'AF_VSOCK', 'AF_XDP']) expect(opened[family], family).toBe('err97');
    // A used family with a type it never used: EPERM, the profile's default.
    expect(opened.AF_INET_DGRAM).toBe('err1');
    expect(opened.AF_INET_RAW).toBe('err1');
  }, 60_000);

  it('only the x86_64 entry point works: i386 (int 0x80) and x32 calls are killed', async () => {
    const profile = profileOf(evidence);
    for (const mode of ['i386', 'x32']) {
      const { lines, exitCode } = await runSockprobe(runtime, image, profile, [mode]);
      expect(exitCode, mode).toBe(128 + 31); // SIGSYS: the filter's action for an architecture it does not list
      expect(
        lines.filter((l) => l.endsWith('=ok')),
        mode,
      ).toEqual([]);
    }
  }, 60_000);

  it('a profile that lost one observed family breaks the program under enforcement', async () => {
    const withoutInet6 = evidence.filter((e) => !(e.syscall === 'socket' && e.values[0] === 10));
    const { lines, exitCode } = await runSockprobe(runtime, image, profileOf(withoutInet6), ['use', ...USED]);
    expect(exitCode).toBe(1);
    expect(lines).toContain('10:1=err97');
  }, 60_000);
});
