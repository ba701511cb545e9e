import type { Endpoint } from '../generators/types.js';

/** A lifecycle event the engine can apply to a running container, outside the protocol. */
export type LifecycleAction =
  | { readonly kind: 'signal'; readonly name: string; readonly signal: string; readonly settleMs: number }
  | { readonly kind: 'exec'; readonly name: string; readonly cmd: readonly string[]; readonly settleMs: number }
  /** Nothing but time: timer-driven background work runs (flushes, cron, checkpoints). */
  | { readonly kind: 'idle'; readonly name: string; readonly settleMs: number }
  /**
   * Stop and start of the same container: start-up on existing data. `hard` kills it instead of
   * stopping it gracefully (an OOM kill, a node failure), so the next start runs crash recovery.
   */
  | { readonly kind: 'restart'; readonly name: string; readonly settleMs: number; readonly hard?: boolean };

/** How to build, run and judge one server. */
export interface TargetSpec {
  /** Registry key and image name: sandfuzz/<name>:latest. */
  readonly name: string;
  readonly description: string;
  /** Image reference `docker run` accepts. */
  readonly image: string;
  /** Absolute path of the folder holding the target's Dockerfile (the build context). */
  readonly contextDir: string;
  /** Port the server listens on inside the container (tcp). */
  readonly port: number;
  /** Registry key of the workload generator that speaks this server's protocol. */
  readonly generator: string;
  /** Constraints for that generator that only the target knows (files its image serves...). */
  readonly workload?: Readonly<Record<string, unknown>>;
  /** Extra container settings the server needs to work (nothing else is changed). */
  readonly run: {
    readonly shmSizeBytes?: number;
    /** Seconds Docker waits after the image's STOPSIGNAL before SIGKILL. */
    readonly stopTimeoutSec: number;
  };
  /** Default mining budget in seconds: slower protocols need more time to saturate. */
  readonly miningBudgetSec: number;
  /** One readiness probe: resolves true once the server answers like a healthy one. Never throws. */
  ready(endpoint: Endpoint): Promise<boolean>;
  /** Lifecycle events worth exercising (reload, log reopen...), beyond start and graceful stop. */
  readonly lifecycle: readonly LifecycleAction[];
}
