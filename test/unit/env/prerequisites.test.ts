import { describe, expect, it } from 'vitest';
import type { HostProbe } from '../../../src/env/host-probe.js';
import { assertReadyToRun, checkPrerequisites } from '../../../src/env/prerequisites.js';
import { EngineUnavailableError, InterruptedError, NotRootError, PrerequisiteError } from '../../../src/shared/errors.js';

const healthy: HostProbe = {
  uid: () => 0,
  exists: async () => true,
  version: async (cmd) => `${cmd} 1.0`,
  engine: async () => ({ serverVersion: '20.10.24', apiVersion: '1.41', kernelVersion: '6.1.0', seccomp: true }),
};

describe('checkPrerequisites', () => {
  it('passes on a prepared host', async () => {
    const results = await checkPrerequisites(healthy);
    expect(results.every((r) => r.ok && r.fix === '')).toBe(true);
    expect(() => assertReadyToRun(results)).not.toThrow();
  });

  it.each<[string, Partial<HostProbe>, string, RegExp, (new (m: string) => Error)?]>([
    ['not root', { uid: () => 1000 }, 'root', /sudo/, NotRootError],
    ['no BTF', { exists: async (p) => !p.includes('btf') }, 'btf', /CONFIG_DEBUG_INFO_BTF/],
    ['no tracefs', { exists: async (p) => !p.includes('tracing') }, 'tracefs', /mount -t tracefs/],
    ['libbpf tracer not built', { exists: async (p) => !p.endsWith('/sandfuzz-trace') }, 'tracer', /npm run setup .*--tracer bpftrace/],
    ['no setpriv', { version: async (c) => (c === 'setpriv' ? undefined : 'x') }, 'setpriv', /util-linux/],
    [
      'no engine',
      {
        engine: async () => {
          throw new Error('connect ENOENT /var/run/docker.sock');
        },
      },
      'docker',
      /npm run setup/,
      EngineUnavailableError,
    ],
    ['no seccomp', { engine: async () => ({ serverVersion: '1', apiVersion: '1', kernelVersion: '1', seccomp: false }) }, 'seccomp', /seccomp/],
  ])('%s: names the check and the fix, and run refuses', async (_name, override, id, fix, errorClass = PrerequisiteError) => {
    const results = await checkPrerequisites({ ...healthy, ...override });
    const failed = results.filter((r) => !r.ok);
    expect(failed.map((r) => r.id)).toContain(id);
    expect(failed.find((r) => r.id === id)!.fix).toMatch(fix);
    expect(() => assertReadyToRun(results)).toThrow(errorClass);
  });

  it('needs bpftrace only with --tracer bpftrace, and the libbpf tracer only without it', async () => {
    const noBpftrace = { ...healthy, version: async (c: string) => (c === 'bpftrace' ? undefined : 'x') };
    const withDefault = await checkPrerequisites(noBpftrace);
    expect(() => assertReadyToRun(withDefault)).not.toThrow();
    const withBpftrace = await checkPrerequisites(noBpftrace, 'bpftrace');
    expect(() => assertReadyToRun(withBpftrace)).toThrow(/bpftrace \(--tracer bpftrace\): not found/);
    const notBuilt = { ...healthy, exists: async (p: string) => !p.endsWith('/sandfuzz-trace') };
    const notBuiltBpftrace = await checkPrerequisites(notBuilt, 'bpftrace');
    expect(() => assertReadyToRun(notBuiltBpftrace)).not.toThrow();
  });

  it('lets an interrupt through instead of calling it a missing engine', async () => {
    const interrupted = {
      ...healthy,
      engine: async () => {
        throw new InterruptedError('interrupted by SIGINT');
      },
    };
    await expect(checkPrerequisites(interrupted)).rejects.toThrow(InterruptedError);
  });

  it('does not block run when only mmdebstrap is missing (images may exist)', async () => {
    const results = await checkPrerequisites({ ...healthy, version: async (c) => (c === 'mmdebstrap' ? undefined : 'x') });
    expect(results.find((r) => r.id === 'mmdebstrap')!.ok).toBe(false);
    expect(() => assertReadyToRun(results)).not.toThrow();
  });
});
