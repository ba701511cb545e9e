import type { Endpoint } from '../../shared/endpoint.js';

/** What the engine asks of a container: everything else about it comes from the target. */
export interface ContainerSpec {
  readonly image: string;
  readonly name: string;
  /** Container port (tcp) to publish on 127.0.0.1 at a free host port; none for non-servers. */
  readonly port?: number;
  /**
   * Seccomp profile the container runs under: the profile's JSON text, 'unconfined' for none at
   * all, or 'engine-default' for the engine's built-in profile.
   */
  readonly seccompProfile: string;
  readonly shmSizeBytes?: number;
  /** Overrides of the image's CMD and ENTRYPOINT (no shell is added). */
  readonly cmd?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly user?: string;
  readonly workingDir?: string;
  /** Mount point -> tmpfs mount options ('' for the engine's defaults). */
  readonly tmpfs?: Readonly<Record<string, string>>;
  readonly readOnly?: boolean;
  /** Signal `docker stop` sends instead of the image's STOPSIGNAL. */
  readonly stopSignal?: string;
  /** CPUs the container may run on ('1', '0-1'); all when absent. */
  readonly cpusetCpus?: string;
  /** CPU time the container may use, in CPUs (0.5: half of one); unlimited when absent. */
  readonly cpuLimit?: number;
  readonly labels: Readonly<Record<string, string>>;
}

export interface StartedContainer {
  readonly id: string;
  /** Host pid of the container's init process. */
  readonly pid: number;
  /** Inode of its mount namespace: the tracer's selector. */
  readonly mntns: bigint;
  /** Where the published port answers (127.0.0.1:0 when no port was published). */
  readonly endpoint: Endpoint;
  /**
   * The container's own address and port on its bridge network, reachable from the host without
   * the engine's userland proxy (docker-proxy), which costs more CPU per request than the server
   * and caps its throughput: benchmarks load the server here. Absent without a bridge address.
   */
  readonly direct?: Endpoint;
}

export interface EngineInfo {
  readonly serverVersion: string;
  readonly apiVersion: string;
  readonly kernelVersion: string;
  readonly seccomp: boolean;
}

export interface ExitState {
  readonly running: boolean;
  readonly exitCode: number;
  readonly oomKilled: boolean;
}

/** The container engine as the engine sees it (dockerode-runtime.ts is the real one). */
export interface ContainerRuntime {
  info(): Promise<EngineInfo>;
  imageId(image: string): Promise<string>;
  create(spec: ContainerSpec): Promise<string>;
  start(id: string, port?: number): Promise<StartedContainer>;
  /** Waits until the container has exited; resolves with its exit code. */
  wait(id: string): Promise<number>;
  signal(id: string, signal: string): Promise<void>;
  exec(id: string, cmd: readonly string[], timeoutMs: number): Promise<{ exitCode: number; output: string }>;
  /**
   * Graceful stop (or SIGKILL when hard), then start again; the container gets a new init process,
   * mount namespace and possibly host port.
   */
  restart(id: string, options: { timeoutSec: number; hard: boolean; port?: number }): Promise<StartedContainer>;
  /** Graceful stop with the image's STOPSIGNAL, SIGKILL after timeoutSec; resolves when it has exited. */
  stop(id: string, timeoutSec: number): Promise<ExitState>;
  state(id: string): Promise<ExitState>;
  /** Signals the container's main process has handlers for ('SIGHUP'...), from the kernel's view of it. */
  caughtSignals(pid: number): Promise<string[]>;
  logs(id: string, tailLines: number): Promise<string>;
  /** Force-removes the container; no error if it is already gone. */
  remove(id: string): Promise<void>;
  /** Ids of containers carrying a label (any value when value is omitted). */
  listByLabel(key: string, value?: string): Promise<Array<{ id: string; labels: Record<string, string> }>>;
}
