import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTarget } from '../../targets/index.js';
import { runCommand, type RunOutcome } from '../../src/commands/run.js';
import { resolveRunOptions } from '../../src/config/run-options.js';
import { CleanupStack } from '../../src/engine/cleanup.js';
import type { LaunchedContainer } from '../../src/engine/container-session.js';
import { DockerodeRuntime } from '../../src/engine/docker/dockerode-runtime.js';
import { miningProfileJson } from '../../src/engine/mining-profile.js';
import { observeContainer } from '../../src/engine/observe.js';
import { BpftraceTracer } from '../../src/engine/tracer/bpftrace.js';
import { realHostProbe } from '../../src/env/host-probe.js';
import { allowedSyscalls } from '../../src/profile/diff.js';
import { parseProfile } from '../../src/profile/parse.js';
import { syscallName } from '../../src/syscalls/index.js';
import { requireHost } from '../helpers/host.js';
import { independentHttpWorkload } from '../helpers/independent-http.js';

const nginx = getTarget('nginx');
let runtime: DockerodeRuntime;
let out: string;
let outcome: RunOutcome;
const cleanup = new CleanupStack();
const signal = new AbortController().signal;

/** What an operator does to a running nginx: traffic, reload, log reopen, more traffic. */
async function operate(runtime: DockerodeRuntime, c: LaunchedContainer): Promise<{ non2xx: number; errors: number; raw: string[] }> {
  const first = await independentHttpWorkload(c.endpoint);
  await runtime.signal(c.id, 'SIGHUP');
  await new Promise((r) => setTimeout(r, 1_500));
  await runtime.signal(c.id, 'SIGUSR1');
  await new Promise((r) => setTimeout(r, 500));
  const second = await independentHttpWorkload(c.endpoint);
  return { non2xx: first.non2xx + second.non2xx, errors: first.errors + second.errors, raw: [...first.rawAnswers, ...second.rawAnswers] };
}

beforeAll(async () => {
  runtime = new DockerodeRuntime(await requireHost());
  out = await mkdtemp(join(tmpdir(), 'sandfuzz-run-'));
  const options = resolveRunOptions({ target: 'nginx', seed: 7, out, maxTime: '60s' });
  outcome = await runCommand(options, {
    runtime, probe: realHostProbe(runtime), createTracer: () => new BpftraceTracer(), cleanup, signal, log: () => {},
  });
}, 240_000);

afterAll(async () => {
  await cleanup.runAll();
  await rm(out, { recursive: true, force: true });
});

describe('sandfuzz run --target nginx', () => {
  it('writes a tight profile, a report with provenance, and passes its own enforcement check', async () => {
    const profile = parseProfile(await readFile(outcome.profilePath, 'utf8'), 'seccomp.json');
    const allowed = allowedSyscalls(profile, 'x86_64');
    expect(allowed.length).toBeGreaterThan(40);
    expect(allowed.length).toBeLessThanOrEqual(120);
    expect(profile.architectures).toEqual(['SCMP_ARCH_X86_64']);
    expect(allowed).not.toContain('clone3');
    const report = JSON.parse(await readFile(outcome.reportPath, 'utf8'));
    expect(report).toMatchObject({ target: 'nginx', image: 'sandfuzz/nginx:latest', seed: 7, stopExitCode: 0 });
    expect(report.imageId).toMatch(/^sha256:/);
    expect(report.enforcement.ok).toBe(true);
    expect(report.syscalls.map((s: { name: string }) => s.name).sort()).toEqual(
      [...allowed].filter((n) => n !== 'clone' || report.syscalls.some((s: { name: string }) => s.name === 'clone')).sort(),
    );
  });

  it('allows every syscall nginx makes under traffic it never saw, reload, log reopen and stop', async () => {
    const profile = parseProfile(await readFile(outcome.profilePath, 'utf8'), 'seccomp.json');
    const allowed = new Set(allowedSyscalls(profile, 'x86_64'));
    const tracer = new BpftraceTracer();
    cleanup.defer('stop tracer', () => tracer.stop());
    await tracer.start();
    const seen = await observeContainer(
      { target: nginx, image: nginx.image, profileJson: miningProfileJson(), purpose: 'test-observe', drive: async (live) => void (await operate(runtime, live.current)) },
      { runtime, tracer, cleanup, signal },
    );
    await tracer.stop();
    const needed = seen.trace.firstUses().map((u) => syscallName(u.abi, u.nr) ?? `${u.abi}:${u.nr}`);
    expect(needed.filter((n) => !allowed.has(n))).toEqual([]);
    expect(seen.exit.exitCode).toBe(0);
  }, 120_000);

  it('keeps nginx working under enforcement through the same operations, and it stops with exit 0', async () => {
    const profileJson = await readFile(outcome.profilePath, 'utf8');
    const local = new CleanupStack();
    try {
      const { launchContainer } = await import('../../src/engine/container-session.js');
      const c = await launchContainer({ runtime, cleanup: local, target: nginx, image: nginx.image, seccompProfile: profileJson, purpose: 'test-enforce', signal });
      const result = await operate(runtime, c);
      expect(result.errors).toBe(0);
      expect(result.non2xx).toBe(0);
      expect(result.raw).toEqual([...RAW_EXPECTED, ...RAW_EXPECTED]);
      const exit = await runtime.stop(c.id, nginx.run.stopTimeoutSec);
      expect(exit.exitCode).toBe(0);
    } finally {
      await local.runAll();
    }
  }, 120_000);
});

// What nginx answers to the raw requests of independentHttpWorkload, in order.
const RAW_EXPECTED = ['200', '206', '404', '405', '400', '414', '200'];
