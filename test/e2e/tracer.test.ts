import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Docker from 'dockerode';
import { DockerodeRuntime } from '../../src/engine/docker/dockerode-runtime.js';
import { miningProfileJson } from '../../src/engine/mining-profile.js';
import { TRACERS, DEFAULT_TRACER } from '../../src/engine/tracer/tracers.js';
import { ContainerTrace } from '../../src/engine/tracer/container-trace.js';
import { buildProfile } from '../../src/profile/build.js';
import { serializeProfile } from '../../src/profile/serialize.js';
import type { SeccompProfile } from '../../src/profile/seccomp.js';
import { RUNTIME_BASE_SYSCALLS } from '../../src/profile/runtime-base.js';
import { syscallName, type Abi } from '../../src/syscalls/index.js';
import { buildProbeImage, PROBE_SYSCALLS } from '../helpers/probe-image.js';
import { requireHost } from '../helpers/host.js';

let docker: Docker;
let runtime: DockerodeRuntime;
const images: Record<'plain' | 'rare', string> = { plain: '', rare: '' };
const created: string[] = [];

/** Runs an image to completion under a profile; returns its exit code and what the tracer saw. */
async function runTraced(image: string, profile: string): Promise<{ exitCode: number; seen: Map<Abi, Set<string>>; trace: ContainerTrace }> {
  const tracer = TRACERS[DEFAULT_TRACER].create();
  const trace = new ContainerTrace();
  tracer.onLine((l) => trace.push(l));
  await tracer.start();
  try {
    const id = await runtime.create({ image, name: `sandfuzz-test-probe-${Date.now()}`, seccompProfile: profile, labels: { sandfuzz: 'test' } });
    created.push(id);
    tracer.mark(1);
    const started = await runtime.start(id);
    trace.select(started.mntns);
    const exitCode = await runtime.wait(id);
    await tracer.sync(2);
    const seen = new Map<Abi, Set<string>>();
    for (const u of trace.firstUses()) {
      const name = syscallName(u.abi, u.nr) ?? `#${u.nr}`;
      if (!seen.has(u.abi)) seen.set(u.abi, new Set());
      seen.get(u.abi)!.add(name);
    }
    return { exitCode, seen, trace };
  } finally {
    await tracer.stop();
  }
}

/** Runs an image to completion under a profile, untraced; a process killed at once is fine here. */
async function runUntraced(image: string, profile: string): Promise<number> {
  const id = await runtime.create({ image, name: `sandfuzz-test-probe-${Date.now()}`, seccompProfile: profile, labels: { sandfuzz: 'test' } });
  created.push(id);
  await docker.getContainer(id).start();
  return runtime.wait(id);
}

/** The profile `run` would build: what was seen plus the runtime's base set (one left out, if asked). */
function profileFrom(seen: Map<Abi, Set<string>>, drop?: string): SeccompProfile {
  const base = RUNTIME_BASE_SYSCALLS.map((name) => ['x86_64', name] as const);
  const all = [...[...seen].flatMap(([abi, names]) => [...names].map((name) => [abi, name] as const)), ...base];
  const observed = all.filter(([, n]) => n !== drop).map(([abi, name]) => ({ abi, name }));
  return buildProfile({ observed, provenance: { version: 'test' } });
}

beforeAll(async () => {
  docker = await requireHost();
  runtime = new DockerodeRuntime(docker);
  images.plain = await buildProbeImage(docker, 'plain');
  images.rare = await buildProbeImage(docker, 'rare');
}, 120_000);

afterAll(async () => {
  for (const id of created) await runtime.remove(id);
});

describe('tracer on a program whose syscalls are known', () => {
  it('sees every syscall the program makes, on the right ABI, and runc setup is not counted', async () => {
    const { exitCode, seen } = await runTraced(images.rare, miningProfileJson());
    expect(exitCode).toBe(0);
    const native = seen.get('x86_64') ?? new Set();
    for (const name of PROBE_SYSCALLS.rare.x86_64) expect(native).toContain(name);
    expect(native).toContain('execve'); // runc's exec of the entrypoint happens under the filter
    expect([...(seen.get('i386') ?? [])]).toEqual(['getpid']);
    // runc's own setup (mount, pivot_root, setns...) happens before the filter is installed.
    for (const name of ['mount', 'pivot_root', 'setns', 'unshare', 'seccomp']) expect(native).not.toContain(name);
  }, 60_000);

  it('tells two programs apart by exactly the calls that differ', async () => {
    const plain = await runTraced(images.plain, miningProfileJson());
    const rare = await runTraced(images.rare, miningProfileJson());
    const plainNative = plain.seen.get('x86_64')!;
    expect(plainNative).not.toContain('sysinfo');
    expect(rare.seen.get('x86_64')).toContain('sysinfo');
    expect(plain.seen.get('i386')).toBeUndefined();
  }, 60_000);

  it('a profile built from the trace runs the program; without one of its calls it breaks', async () => {
    const mined = await runTraced(images.rare, miningProfileJson());
    const profile = profileFrom(mined.seen);
    expect(profile.architectures).toEqual(['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86']);

    const enforced = await runTraced(images.rare, serializeProfile(profile));
    expect(enforced.exitCode).toBe(0);

    const withoutSysinfo = await runTraced(images.rare, serializeProfile(profileFrom(mined.seen, 'sysinfo')));
    expect(withoutSysinfo.exitCode).toBe(4); // the probe's bit for a failed sysinfo

    // Without the i386 ABI in `architectures`, the compat call is refused even though getpid is listed.
    const nativeOnly = { ...profile, architectures: ['SCMP_ARCH_X86_64' as const] };
    const compatClosed = await runUntraced(images.rare, serializeProfile(nativeOnly));
    // Killed by a signal (SIGSYS, as the filter's bad-arch action): the i386 call never runs.
    expect(compatClosed).toBeGreaterThan(128);
  }, 120_000);
});
