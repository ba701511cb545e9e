import { readFile, stat } from 'node:fs/promises';
import Docker from 'dockerode';
import { engineFailure } from './engine-errors.js';
import type { ContainerRuntime, ContainerSpec, EngineInfo, ExitState, StartedContainer } from './runtime.js';

/** x86_64 numbers of the signals sandfuzz may send as operator actions. */
const SIGNAL_NUMBERS: Record<string, number> = { SIGHUP: 1, SIGUSR1: 10, SIGUSR2: 12 };

/** ContainerSpec.seccompProfile value that leaves the engine's own default profile in place. */
export const ENGINE_DEFAULT_PROFILE = 'engine-default';

/** CFS period of a CPU-limited container, in microseconds. */
const CPU_PERIOD_US = 10_000;

function fail(what: string, err: unknown): never {
  throw engineFailure(what, err);
}

function statusCode(err: unknown): number | undefined {
  return (err as { statusCode?: number } | null)?.statusCode;
}

/** The engine's create request for a container spec: the port published on loopback only. */
export function createOptions(spec: ContainerSpec): Docker.ContainerCreateOptions {
  const portKey = `${spec.port ?? 0}/tcp`;
  const published = spec.port !== undefined;
  return {
    name: spec.name,
    Image: spec.image,
    Labels: { ...spec.labels },
    ...(published ? { ExposedPorts: { [portKey]: {} } } : {}),
    ...(spec.cmd ? { Cmd: [...spec.cmd] } : {}),
    ...(spec.entrypoint ? { Entrypoint: [...spec.entrypoint] } : {}),
    ...(spec.env ? { Env: Object.entries(spec.env).map(([k, v]) => `${k}=${v}`) } : {}),
    ...(spec.user !== undefined ? { User: spec.user } : {}),
    ...(spec.workingDir !== undefined ? { WorkingDir: spec.workingDir } : {}),
    ...(spec.stopSignal !== undefined ? { StopSignal: spec.stopSignal } : {}),
    HostConfig: {
      // The API takes the profile's JSON text itself (the CLI reads a file into it).
      SecurityOpt: spec.seccompProfile === ENGINE_DEFAULT_PROFILE ? [] : [`seccomp=${spec.seccompProfile}`],
      ...(published ? { PortBindings: { [portKey]: [{ HostIp: '127.0.0.1', HostPort: '' }] } } : {}),
      ...(spec.shmSizeBytes ? { ShmSize: spec.shmSizeBytes } : {}),
      ...(spec.cpusetCpus ? { CpusetCpus: spec.cpusetCpus } : {}),
      // A 10 ms CFS period rather than the default 100 ms: a throttled server then stalls for
      // milliseconds, not tens of them, so latencies stay close to the server's own.
      ...(spec.cpuLimit ? { CpuPeriod: CPU_PERIOD_US, CpuQuota: Math.round(spec.cpuLimit * CPU_PERIOD_US) } : {}),
      ...(spec.tmpfs && Object.keys(spec.tmpfs).length > 0 ? { Tmpfs: { ...spec.tmpfs } } : {}),
      ...(spec.readOnly ? { ReadonlyRootfs: true } : {}),
    },
  };
}

/** ContainerRuntime on a real Docker engine, through its API socket. */
export class DockerodeRuntime implements ContainerRuntime {
  constructor(readonly docker: Docker = new Docker()) {}

  async info(): Promise<EngineInfo> {
    try {
      const [version, info] = await Promise.all([this.docker.version(), this.docker.info()]);
      const security: string[] = info.SecurityOptions ?? [];
      return {
        serverVersion: version.Version,
        apiVersion: version.ApiVersion,
        kernelVersion: version.KernelVersion ?? info.KernelVersion,
        seccomp: security.some((s) => s.includes('seccomp')),
      };
    } catch (err) {
      fail('ask the Docker engine for its version', err);
    }
  }

  async imageId(image: string): Promise<string> {
    try {
      return (await this.docker.getImage(image).inspect()).Id;
    } catch (err) {
      fail(`inspect image ${image}`, err);
    }
  }

  async create(spec: ContainerSpec): Promise<string> {
    try {
      return (await this.docker.createContainer(createOptions(spec))).id;
    } catch (err) {
      fail(`create container from ${spec.image}`, err);
    }
  }

  async start(id: string, port?: number): Promise<StartedContainer> {
    const container = this.docker.getContainer(id);
    try {
      await container.start();
      const info = await container.inspect();
      const pid = info.State.Pid;
      if (!info.State.Running || !pid) throw new Error(`exited at once with code ${info.State.ExitCode}`);
      const ns = await stat(`/proc/${pid}/ns/mnt`, { bigint: true }).catch(async (err: unknown) => {
        // Gone between inspect and stat: it exited at once; its own last words say why.
        const state = await container.inspect().catch(() => undefined);
        const last = (await this.logs(id, 3).catch(() => '')).trim().split('\n').pop();
        throw new Error(
          state && !state.State.Running ? `exited at once with code ${state.State.ExitCode}${last ? `: ${last}` : ''}` : (err as Error).message,
        );
      });
      if (port === undefined) return { id, pid, mntns: ns.ino, endpoint: { host: '127.0.0.1', port: 0 } };
      const binding = info.NetworkSettings.Ports?.[`${port}/tcp`]?.[0];
      if (!binding) throw new Error(`port ${port}/tcp was not published`);
      const ip = Object.values(info.NetworkSettings.Networks ?? {}).find((n) => n.IPAddress)?.IPAddress;
      return {
        id,
        pid,
        mntns: ns.ino,
        endpoint: { host: '127.0.0.1', port: Number(binding.HostPort) },
        ...(ip ? { direct: { host: ip, port } } : {}),
      };
    } catch (err) {
      fail(`start container ${id.slice(0, 12)}`, err);
    }
  }

  async restart(id: string, options: { timeoutSec: number; hard: boolean; port?: number }): Promise<StartedContainer> {
    if (options.hard) {
      await this.signal(id, 'SIGKILL');
      await this.wait(id);
    } else {
      await this.stop(id, options.timeoutSec);
    }
    return this.start(id, options.port);
  }

  async wait(id: string): Promise<number> {
    try {
      const { StatusCode } = (await this.docker.getContainer(id).wait()) as { StatusCode: number };
      return StatusCode;
    } catch (err) {
      fail(`wait for container ${id.slice(0, 12)}`, err);
    }
  }

  async signal(id: string, signal: string): Promise<void> {
    try {
      await this.docker.getContainer(id).kill({ signal });
    } catch (err) {
      fail(`send ${signal} to container ${id.slice(0, 12)}`, err);
    }
  }

  async exec(id: string, cmd: readonly string[], timeoutMs: number): Promise<{ exitCode: number; output: string }> {
    try {
      const exec = await this.docker.getContainer(id).exec({ Cmd: [...cmd], AttachStdout: true, AttachStderr: true });
      const stream = await exec.start({ hijack: true, stdin: false });
      const output = await new Promise<string>((resolve, reject) => {
        const chunks: Buffer[] = [];
        const timer = setTimeout(() => {
          stream.destroy();
          reject(new Error(`timed out after ${timeoutMs} ms`));
        }, timeoutMs);
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          clearTimeout(timer);
          resolve(demux(Buffer.concat(chunks)));
        });
        stream.on('error', (e) => {
          clearTimeout(timer);
          reject(e);
        });
      });
      const { ExitCode } = await exec.inspect();
      return { exitCode: ExitCode ?? -1, output };
    } catch (err) {
      fail(`exec ${cmd.join(' ')} in container ${id.slice(0, 12)}`, err);
    }
  }

  async stop(id: string, timeoutSec: number): Promise<ExitState> {
    const container = this.docker.getContainer(id);
    try {
      await container.stop({ t: timeoutSec });
    } catch (err) {
      // 304: it had already stopped, which is what we want.
      if (statusCode(err) !== 304) fail(`stop container ${id.slice(0, 12)}`, err);
    }
    return this.state(id);
  }

  async state(id: string): Promise<ExitState> {
    try {
      const { State } = await this.docker.getContainer(id).inspect();
      return { running: State.Running, exitCode: State.ExitCode, oomKilled: State.OOMKilled };
    } catch (err) {
      fail(`inspect container ${id.slice(0, 12)}`, err);
    }
  }

  async caughtSignals(pid: number): Promise<string[]> {
    // SigCgt in /proc/PID/status: a bit per signal with a handler installed (bit n-1 for signal n).
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    const hex = /^SigCgt:\s*([0-9a-f]+)$/m.exec(status)?.[1];
    if (!hex) return [];
    const mask = BigInt(`0x${hex}`);
    return Object.entries(SIGNAL_NUMBERS)
      .filter(([, n]) => (mask >> BigInt(n - 1)) & 1n)
      .map(([name]) => name);
  }

  async logs(id: string, tailLines: number): Promise<string> {
    try {
      const buf = await this.docker.getContainer(id).logs({ stdout: true, stderr: true, tail: tailLines });
      return demux(Buffer.isBuffer(buf) ? buf : Buffer.from(String(buf)));
    } catch (err) {
      fail(`read logs of container ${id.slice(0, 12)}`, err);
    }
  }

  async remove(id: string): Promise<void> {
    try {
      await this.docker.getContainer(id).remove({ force: true, v: true });
    } catch (err) {
      if (statusCode(err) !== 404) fail(`remove container ${id.slice(0, 12)}`, err);
    }
  }

  async listByLabel(key: string, value?: string): Promise<Array<{ id: string; labels: Record<string, string> }>> {
    try {
      const filter = value === undefined ? key : `${key}=${value}`;
      const list = await this.docker.listContainers({ all: true, filters: { label: [filter] } });
      return list.map((c) => ({ id: c.Id, labels: c.Labels ?? {} }));
    } catch (err) {
      fail('list containers', err);
    }
  }
}

/** Strips Docker's multiplexed stream headers (8 bytes per frame) when present. */
function demux(buf: Buffer): string {
  const out: Buffer[] = [];
  let i = 0;
  while (i + 8 <= buf.length && (buf[i] === 1 || buf[i] === 2) && buf[i + 1] === 0) {
    const len = buf.readUInt32BE(i + 4);
    out.push(buf.subarray(i + 8, i + 8 + len));
    i += 8 + len;
  }
  if (i === 0) return buf.toString('utf8');
  return Buffer.concat(out).toString('utf8');
}
