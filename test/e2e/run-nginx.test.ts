import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StartedContainer } from '../../src/engine/docker/runtime.js';
import type { DockerodeRuntime } from '../../src/engine/docker/dockerode-runtime.js';
import { parseProfile } from '../../src/profile/parse.js';
import { mineTarget, syscallsOutside, underProfile, type Mined, socketFamiliesOpenUnder } from '../helpers/acceptance.js';
import { buildSockprobeImage } from '../helpers/probe-image.js';
import { independentHttpWorkload } from '../helpers/independent-http.js';

let mined: Mined;

/** What an operator does to a running nginx: traffic, reload, log reopen, more traffic. */
async function operate(runtime: DockerodeRuntime, c: StartedContainer): Promise<{ non2xx: number; errors: number; raw: string[] }> {
  const first = await independentHttpWorkload(c.endpoint);
  await runtime.signal(c.id, 'SIGHUP');
  await new Promise((r) => setTimeout(r, 1_500));
  await runtime.signal(c.id, 'SIGUSR1');
  await new Promise((r) => setTimeout(r, 500));
  const second = await independentHttpWorkload(c.endpoint);
  return { non2xx: first.non2xx + second.non2xx, errors: first.errors + second.errors, raw: [...first.rawAnswers, ...second.rawAnswers] };
}

// What nginx answers to the raw requests of independentHttpWorkload, in order.
const RAW_EXPECTED = ['200', '206', '404', '405', '400', '414', '200'];

beforeAll(async () => {
  mined = await mineTarget('nginx', { seed: 7, maxTime: '60s' });
}, 240_000);

afterAll(async () => mined?.dispose());

describe('sandfuzz run --target nginx', () => {
  it('writes a tight profile, a report with provenance, and passes its own enforcement check', async () => {
    const profile = parseProfile(mined.profileJson, 'seccomp.json');
    expect(mined.allowed.size).toBeGreaterThan(40);
    expect(mined.allowed.size).toBeLessThanOrEqual(120);
    expect(profile.architectures).toEqual(['SCMP_ARCH_X86_64']);
    expect(mined.allowed).not.toContain('clone3');
    const report = JSON.parse(await readFile(mined.outcome.reportPath, 'utf8'));
    expect(report).toMatchObject({ target: 'nginx', image: 'sandfuzz/nginx:latest', seed: 7, stopExitCode: 0 });
    expect(report.imageId).toMatch(/^sha256:/);
    expect(report.enforcement.ok).toBe(true);
    expect(report.stop).toMatchObject({ threshold: 1e-3 });
    // Every syscall the report lists is allowed, and the profile allows nothing mining did not see.
    const listed = new Set<string>(report.syscalls.map((s: { name: string }) => s.name));
    for (const name of listed) expect(mined.allowed).toContain(name);
    for (const name of mined.allowed) {
      const accounted = listed.has(name) || report.profile.addedFromHoldout.includes(`x86_64:${name}`) || report.profile.runtimeBase.includes(name);
      expect(accounted, name).toBe(true);
    }
  });

  it('allows every syscall nginx makes under traffic it never saw, reload, log reopen and stop', async () => {
    const { outside, exitCode } = await syscallsOutside(mined, async (live) => void (await operate(mined.runtime, live.current)));
    expect(outside).toEqual([]);
    expect(exitCode).toBe(0);
  }, 120_000);

  it('keeps nginx working under enforcement through the same operations, and it stops with exit 0', async () => {
    const { result, exitCode } = await underProfile(mined, (live) => operate(mined.runtime, live.current));
    expect(result.errors).toBe(0);
    expect(result.non2xx).toBe(0);
    expect(result.raw).toEqual([...RAW_EXPECTED, ...RAW_EXPECTED]);
    expect(exitCode).toBe(0);
  }, 120_000);
  it('argument rules: a socket probe under the mined profile opens AF_INET and no family the server never used', async () => {
    const opened = await socketFamiliesOpenUnder(mined, await buildSockprobeImage(mined.runtime.docker));
    expect(opened.AF_INET).toBe('ok');
    for (const family of ['AF_ALG', 'AF_VSOCK', 'AF_PACKET', 'AF_KEY', 'AF_XDP']) expect(opened[family], family).not.toBe('ok');
  }, 60_000);
});
