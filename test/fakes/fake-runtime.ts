import type { ImageBuildRequest, ImageFacts, ImageImportRequest, ImageStore, ImageStreamOutcome } from '../../targets/image-store.js';
import { LABEL } from '../../src/engine/container-session.js';
import type { ContainerRuntime, ContainerSpec, EngineInfo, ExitState, StartedContainer } from '../../src/engine/docker/runtime.js';
import type { Endpoint } from '../../src/shared/endpoint.js';
import { DockerError } from '../../src/shared/errors.js';
import { Script } from './script.js';

/** Syscalls (x86_64 numbers) every fake container makes when it starts and when it stops. */
export const STARTUP_SYSCALLS: readonly number[] = [0, 1, 3, 9, 12, 257]; // read write close mmap brk openat
export const SHUTDOWN_SYSCALLS: readonly number[] = [231]; // exit_group

export interface FakeContainer {
  readonly id: string;
  readonly spec: ContainerSpec;
  /** What sandfuzz started it for: 'mine', 'reference', 'enforce'... (its label). */
  readonly purpose: string;
  running: boolean;
  removed: boolean;
  exitCode: number;
  starts: number;
  mntns: bigint;
  endpoint: Endpoint;
}

/**
 * A container engine in memory, images included (ContainerRuntime and ImageStore). Every call goes
 * through `script` under its method name, so a test can fail, hang or tap any one of them.
 * `onSyscalls` is where the fake kernel (FakeTracers.emit) hears what containers do.
 */
export class FakeRuntime implements ContainerRuntime, ImageStore {
  readonly script = new Script();
  readonly containers: FakeContainer[] = [];
  readonly images = new Map<string, ImageFacts>();
  /** Whether a container answers its readiness probe (an exec probe: exit 0 when true). */
  readyWhen: (c: FakeContainer) => boolean = () => true;
  /** The exit code a graceful stop ends with (137: SIGKILL after the grace period). */
  stopExitCode: (c: FakeContainer) => number = () => 0;
  onSyscalls: (mntns: bigint, nrs: readonly number[]) => void = () => {};
  private nextNs = 4026532000n;
  private nextPort = 40000;

  // ---- the engine ----

  info(): Promise<EngineInfo> {
    return this.script.run('info', [], () => ({ serverVersion: '20.10.24', apiVersion: '1.41', kernelVersion: '6.1.0-fake', seccomp: true }));
  }

  imageId(image: string): Promise<string> {
    return this.script.run('imageId', [image], () => this.images.get(image)?.id ?? `sha256:${image}`);
  }

  create(spec: ContainerSpec): Promise<string> {
    return this.script.run('create', [spec], () => {
      const id = `c${this.containers.length + 1}`;
      const c: FakeContainer = {
        id,
        spec,
        purpose: spec.labels[LABEL] ?? '?',
        running: false,
        removed: false,
        exitCode: 0,
        starts: 0,
        mntns: 0n,
        endpoint: { host: '127.0.0.1', port: 0 },
      };
      this.containers.push(c);
      return id;
    });
  }

  start(id: string, port?: number): Promise<StartedContainer> {
    return this.script.run('start', [id, port], () => this.boot(this.get(id)));
  }

  wait(id: string): Promise<number> {
    return this.script.run('wait', [id], () => this.get(id).exitCode);
  }

  signal(id: string, signal: string): Promise<void> {
    return this.script.run('signal', [id, signal], () => {
      if (signal === 'SIGKILL' || signal === 'KILL') this.kill(id, 137);
    });
  }

  exec(id: string, cmd: readonly string[], timeoutMs: number): Promise<{ exitCode: number; output: string }> {
    return this.script.run('exec', [id, cmd, timeoutMs], () => {
      const c = this.get(id);
      if (!c.running) throw new DockerError(`exec ${cmd.join(' ')} in container ${id}: container is not running`);
      return { exitCode: this.readyWhen(c) ? 0 : 1, output: '' };
    });
  }

  restart(id: string, options: { timeoutSec: number; hard: boolean; port?: number }): Promise<StartedContainer> {
    return this.script.run('restart', [id, options], () => {
      const c = this.get(id);
      if (options.hard) this.kill(id, 137);
      else this.halt(c, 0);
      return this.boot(c);
    });
  }

  stop(id: string, timeoutSec: number): Promise<ExitState> {
    return this.script.run('stop', [id, timeoutSec], () => {
      const c = this.get(id);
      if (c.running) this.halt(c, this.stopExitCode(c));
      return { running: false, exitCode: c.exitCode, oomKilled: false };
    });
  }

  state(id: string): Promise<ExitState> {
    return this.script.run('state', [id], () => {
      const c = this.get(id);
      return { running: c.running, exitCode: c.exitCode, oomKilled: false };
    });
  }

  caughtSignals(pid: number): Promise<string[]> {
    return this.script.run('caughtSignals', [pid], () => []);
  }

  logs(id: string, tailLines: number): Promise<string> {
    return this.script.run('logs', [id, tailLines], () => '');
  }

  remove(id: string): Promise<void> {
    return this.script.run('remove', [id], () => {
      const c = this.containers.find((x) => x.id === id);
      if (!c) return;
      c.running = false;
      c.removed = true;
    });
  }

  listByLabel(key: string, value?: string): Promise<Array<{ id: string; labels: Record<string, string> }>> {
    return this.script.run('listByLabel', [key, value], () =>
      this.containers
        .filter((c) => !c.removed && key in c.spec.labels && (value === undefined || c.spec.labels[key] === value))
        .map((c) => ({ id: c.id, labels: { ...c.spec.labels } })),
    );
  }

  // ---- images ----

  inspectImage(ref: string): Promise<ImageFacts | undefined> {
    return this.script.run('inspectImage', [ref], () => this.images.get(ref));
  }

  buildImage(request: ImageBuildRequest): Promise<ImageStreamOutcome> {
    return this.script.run('buildImage', [request], () => {
      this.addImage(request.tag, [], request.labels);
      return {};
    });
  }

  importImage(request: ImageImportRequest): Promise<ImageStreamOutcome> {
    return this.script.run('importImage', [request], () => {
      this.addImage(`${request.repo}:${request.tag}`, []);
      return {};
    });
  }

  removeImage(id: string): Promise<'removed' | 'missing' | 'in-use'> {
    return this.script.run('removeImage', [id], () => {
      const ref = [...this.images].find(([, f]) => f.id === id)?.[0];
      if (ref === undefined) return 'missing' as const;
      this.images.delete(ref);
      return 'removed' as const;
    });
  }

  // ---- for tests ----

  addImage(ref: string, exposedTcpPorts: readonly number[], labels: Readonly<Record<string, string>> = {}): void {
    this.images.set(ref, { id: `sha256:${'f'.repeat(52)}${String(this.images.size).padStart(12, '0')}`, labels, repoDigests: [], exposedTcpPorts });
  }

  /** The container serving an endpoint, if one runs there. */
  at(endpoint: Endpoint): FakeContainer | undefined {
    return this.containers.find((c) => c.running && c.endpoint.port === endpoint.port);
  }

  /** The container dies on its own (a crash, a kill from outside). */
  kill(id: string, exitCode = 139): void {
    const c = this.get(id);
    c.running = false;
    c.exitCode = exitCode;
  }

  /** Containers created and never removed: what cleanup missed. */
  leftovers(): FakeContainer[] {
    return this.containers.filter((c) => !c.removed);
  }

  private get(id: string): FakeContainer {
    const c = this.containers.find((x) => x.id === id && !x.removed);
    if (!c) throw Object.assign(new DockerError(`no such container: ${id}`), { statusCode: 404 });
    return c;
  }

  private boot(c: FakeContainer): StartedContainer {
    c.running = true;
    c.starts++;
    c.exitCode = 0;
    c.mntns = this.nextNs++;
    c.endpoint = { host: '127.0.0.1', port: this.nextPort++ };
    this.onSyscalls(c.mntns, STARTUP_SYSCALLS);
    return { id: c.id, pid: 1000 + c.starts, mntns: c.mntns, endpoint: c.endpoint };
  }

  private halt(c: FakeContainer, exitCode: number): void {
    this.onSyscalls(c.mntns, SHUTDOWN_SYSCALLS);
    c.running = false;
    c.exitCode = exitCode;
  }
}
