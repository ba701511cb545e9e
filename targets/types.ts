import type { Endpoint } from '../src/shared/endpoint.js';

/** The protocols sandfuzz has generators for; `tcp` is the generic one for everything else. */
export type Protocol = 'http' | 'resp' | 'postgres' | 'tcp';

/** A lifecycle event the engine can apply to a running container, outside the protocol. */
export type LifecycleAction =
  /**
   * `optional`: sandfuzz chose it (a signal the server catches), not the target: a server that
   * does not survive it is restarted and the action dropped, instead of failing the run.
   */
  | { readonly kind: 'signal'; readonly name: string; readonly signal: string; readonly settleMs: number; readonly optional?: boolean }
  /** A command inside the container (`docker exec`): never through a shell the image may not have. */
  | { readonly kind: 'exec'; readonly name: string; readonly cmd: readonly string[]; readonly settleMs: number; readonly timeoutMs?: number }
  /** A command on the host (an operator's script, a client tool), with SANDFUZZ_HOST/PORT/URL set. */
  | {
      readonly kind: 'host';
      readonly name: string;
      readonly cmd: readonly string[];
      readonly cwd: string;
      readonly settleMs: number;
      readonly timeoutMs?: number;
    }
  /** Nothing but time: timer-driven background work runs (flushes, cron, checkpoints). */
  | { readonly kind: 'idle'; readonly name: string; readonly settleMs: number }
  /**
   * Stop and start of the same container: start-up on existing data. `hard` kills it instead of
   * stopping it gracefully (an OOM kill, a node failure), so the next start runs crash recovery.
   */
  | { readonly kind: 'restart'; readonly name: string; readonly settleMs: number; readonly hard?: boolean };

/** What "healthy" means for a target: one probe, polled until it passes or the timeout ends. */
export type ReadyProbe =
  /** GET path answers `status` (any status below 500 when absent). */
  | { readonly kind: 'http'; readonly path: string; readonly status?: number }
  /** A TCP connect succeeds; with `send`, the first answer must start with `expect`. */
  | { readonly kind: 'tcp'; readonly send?: string; readonly expect?: string }
  /** A command inside the container exits 0 (like a Kubernetes exec probe, it runs under the profile). */
  | { readonly kind: 'exec'; readonly cmd: readonly string[] }
  /** The protocol's own check: PING for RESP, SELECT 1 for postgres, an answer for HTTP, a connect for TCP. */
  | { readonly kind: 'protocol' };

export interface ReadySpec {
  readonly probe: ReadyProbe;
  /** How long a start (or a restart) may take to become ready. */
  readonly timeoutMs: number;
}

/** One of the team's own test commands, run on the host as a family of workload units. */
export interface HostWorkload {
  readonly name: string;
  readonly cmd: readonly string[];
  /** Working directory: the target file's folder, or where sandfuzz was started. */
  readonly cwd: string;
  readonly timeoutMs: number;
}

/** Where the service's OpenAPI description comes from. */
export type OpenApiSource = { readonly file: string } | { readonly path: string };

/** How the container is run: docker-compose's settings, resolved. Nothing else is changed. */
export interface RunSettings {
  readonly command?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
  readonly user?: string;
  readonly workingDir?: string;
  readonly shmSizeBytes?: number;
  /** Mount point -> mount options ('' for none). */
  readonly tmpfs: Readonly<Record<string, string>>;
  readonly readOnly: boolean;
  /** Signal `docker stop` sends (the image's STOPSIGNAL when absent). */
  readonly stopSignal?: string;
  /** Seconds Docker waits after the stop signal before SIGKILL. */
  readonly stopTimeoutSec: number;
}

/** Where a target came from, for provenance. */
export interface TargetSource {
  readonly kind: 'builtin' | 'file' | 'command-line';
  /** The target file, when there is one. */
  readonly path?: string;
  /** sha256 of the target file's bytes (or of the command line's canonical form). */
  readonly sha256: string;
}

/**
 * A target as a target file describes it, before the image is looked at: protocol and port may
 * still be missing (they are then guessed from the image's EXPOSE ports).
 */
export interface TargetDefinition {
  /** Registry key for built-ins; the name output folders and containers carry. */
  readonly name: string;
  readonly description: string;
  /** Image reference `docker run` accepts; must be on the local engine (or built from `build`). */
  readonly image: string;
  /** A build context with a Dockerfile (the built-ins' image recipes). */
  readonly build?: { readonly contextDir: string };
  readonly protocol?: Protocol;
  /** Port the protocol speaks on inside the container (tcp). */
  readonly port?: number;
  readonly run: RunSettings;
  readonly ready: ReadySpec;
  /** Constraints for the protocol's generator that only the target knows (files its image serves...). */
  readonly workload?: Readonly<Record<string, unknown>>;
  readonly openapi?: OpenApiSource;
  /** Lifecycle events worth exercising (reload, log reopen...), beyond start and graceful stop. */
  readonly lifecycle: readonly LifecycleAction[];
  /**
   * The target names no lifecycle: besides the defaults, try the reload and log-reopen signals
   * (HUP, USR1, USR2) that the server's main process catches, as optional actions.
   */
  readonly probeSignals?: boolean;
  readonly workloads: readonly HostWorkload[];
  /** Default mining budget in seconds, when the file sets one. */
  readonly miningBudgetSec?: number;
  readonly source: TargetSource;
}

/** A target ready to mine: protocol and port known, image facts looked up. */
export interface TargetSpec extends TargetDefinition {
  readonly protocol: Protocol;
  readonly port: number;
  /** Registry key of the workload generator that speaks the protocol. */
  readonly generator: string;
  readonly miningBudgetSec: number;
  /** TCP ports the image EXPOSEs, for messages when the target's port is not among them. */
  readonly exposedTcpPorts?: readonly number[];
}

/** The readiness check as the engine calls it: the probe, with the container to exec in. */
export type ReadyCheck = (endpoint: Endpoint, exec: (cmd: readonly string[]) => Promise<number>) => Promise<boolean>;
