import { EngineUnavailableError, InterruptedError, NotRootError, PrerequisiteError, type SandfuzzError } from '../shared/errors.js';
import { libbpfTracerPath } from '../engine/tracer/libbpf.js';
import { DEFAULT_TRACER, type TracerName } from '../engine/tracer/tracers.js';
import type { HostProbe } from './host-probe.js';

export interface CheckResult {
  readonly id: string;
  readonly title: string;
  readonly ok: boolean;
  /** What was found (version, path) or what is wrong. */
  readonly detail: string;
  /** The exact command that fixes it (empty when ok). */
  readonly fix: string;
  /** Needed by `sandfuzz run`; others are only needed for some steps (image builds). */
  readonly requiredForRun: boolean;
}

const SETUP = 'npm run setup';

/** First line of the innermost cause: what went wrong, without the layers that asked. */
function rootMessage(err: unknown): string {
  let cur = err;
  while (cur instanceof Error && cur.cause instanceof Error) cur = cur.cause;
  return (cur instanceof Error ? cur.message : String(cur)).split('\n')[0]!;
}

/** Every prerequisite of mining with this tracer, checked through the probe. Never throws. */
export async function checkPrerequisites(probe: HostProbe, tracerName: TracerName = DEFAULT_TRACER): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const add = (r: Omit<CheckResult, 'fix'> & { fix: string }): void => {
    results.push({ ...r, fix: r.ok ? '' : r.fix });
  };

  const uid = probe.uid();
  add({ id: 'root', title: 'running as root', ok: uid === 0, detail: `uid ${uid}`, fix: 'sudo -E npx sandfuzz ...', requiredForRun: true });

  const btf = await probe.exists('/sys/kernel/btf/vmlinux');
  add({
    id: 'btf',
    title: 'kernel BTF',
    ok: btf,
    detail: btf ? '/sys/kernel/btf/vmlinux' : 'no /sys/kernel/btf/vmlinux',
    fix: 'boot a kernel built with CONFIG_DEBUG_INFO_BTF=y (Debian 12 kernels are)',
    requiredForRun: true,
  });

  const tracefs =
    (await probe.exists('/sys/kernel/tracing/events/raw_syscalls')) || (await probe.exists('/sys/kernel/debug/tracing/events/raw_syscalls'));
  add({
    id: 'tracefs',
    title: 'tracefs mounted',
    ok: tracefs,
    detail: tracefs ? 'raw_syscalls tracepoints visible' : 'no /sys/kernel/tracing/events/raw_syscalls',
    fix: 'mount -t tracefs tracefs /sys/kernel/tracing && mount -t debugfs debugfs /sys/kernel/debug',
    requiredForRun: true,
  });

  const tracerPath = libbpfTracerPath();
  const tracer = await probe.exists(tracerPath);
  add({
    id: 'tracer',
    title: 'libbpf tracer (--tracer libbpf)',
    ok: tracer,
    detail: tracer ? tracerPath : `not built (${tracerPath})`,
    fix: `${SETUP} (builds it with clang and bpftool), or --tracer bpftrace`,
    requiredForRun: tracerName === 'libbpf',
  });

  const bpftrace = await probe.version('bpftrace', ['--version']);
  add({
    id: 'bpftrace',
    title: 'bpftrace (--tracer bpftrace)',
    ok: bpftrace !== undefined,
    detail: bpftrace ?? 'not found on PATH',
    fix: 'apt-get install -y bpftrace',
    requiredForRun: tracerName === 'bpftrace',
  });

  const setpriv = await probe.version('setpriv', ['--version']);
  add({
    id: 'setpriv',
    title: 'setpriv (tracer watchdog)',
    ok: setpriv !== undefined,
    detail: setpriv ?? 'not found on PATH',
    fix: 'apt-get install -y util-linux',
    requiredForRun: true,
  });

  let engineOk = false;
  let seccompOk = false;
  let engineDetail: string;
  try {
    const info = await probe.engine();
    engineOk = true;
    seccompOk = info.seccomp;
    engineDetail = `Docker ${info.serverVersion} (API ${info.apiVersion}), kernel ${info.kernelVersion}`;
  } catch (err) {
    // Ctrl-C while waiting for the engine ends the run; it says nothing about the engine.
    if (err instanceof InterruptedError) throw err;
    // The innermost error names where it looked ('connect ENOENT /var/run/docker.sock').
    engineDetail = `no engine answers (${rootMessage(err)})`;
  }
  add({
    id: 'docker',
    title: 'Docker engine',
    ok: engineOk,
    detail: engineDetail,
    fix: `${SETUP} (installs and starts dockerd), or set DOCKER_HOST to a running engine`,
    requiredForRun: true,
  });
  add({
    id: 'seccomp',
    title: 'seccomp support in Docker',
    ok: seccompOk,
    detail: seccompOk ? 'engine reports name=seccomp' : engineOk ? 'engine lists no seccomp security option' : 'unknown (no engine)',
    fix: engineOk ? 'install a Docker built with seccomp (Debian docker.io is)' : SETUP,
    requiredForRun: true,
  });

  const mmdebstrap = await probe.version('mmdebstrap', ['--version']);
  add({
    id: 'mmdebstrap',
    title: 'mmdebstrap (builds target images)',
    ok: mmdebstrap !== undefined,
    detail: mmdebstrap ?? 'not found on PATH',
    fix: 'apt-get install -y mmdebstrap',
    requiredForRun: false,
  });

  return results;
}

/**
 * The error class of each check that has its own exit code: not root (77) and no engine (68) are
 * fixed differently from a missing tracing piece (69: BTF, tracefs, bpftrace...).
 */
const ERROR_OF: Readonly<Record<string, new (message: string) => SandfuzzError>> = {
  root: NotRootError,
  docker: EngineUnavailableError,
};

/** The error a missing check ends a command with: `sandfuzz doctor` exits as `sandfuzz run` would. */
export function prerequisiteErrorClass(id: string): new (message: string) => SandfuzzError {
  return ERROR_OF[id] ?? PrerequisiteError;
}

/** Throws one line naming the first missing prerequisite and its fix. */
export function assertReadyToRun(results: readonly CheckResult[]): void {
  const missing = results.find((r) => r.requiredForRun && !r.ok);
  if (missing) {
    const ErrorClass = prerequisiteErrorClass(missing.id);
    throw new ErrorClass(`${missing.title}: ${missing.detail}; fix: ${missing.fix} (see 'sandfuzz doctor')`);
  }
}
