import type { GuidedGenerator } from '../../generators/types.js';
import type { TargetSpec } from '../../targets/types.js';
import type { CleanupStack } from '../engine/cleanup.js';
import { launchContainer } from '../engine/container-session.js';
import type { ContainerRuntime } from '../engine/docker/runtime.js';
import { miningProfileJson } from '../engine/mining-profile.js';
import { untilAborted } from '../shared/abort.js';

const PREPARE_TIMEOUT_MS = 10_000;

/**
 * Whether a fresh stream depends on what prepare learns. The built-in protocol generators work
 * from recorded grammars and catalogs without it; an OpenAPI description fetched from the server,
 * crawled links and a recorded greeting exist only once a server has answered.
 */
function learnsFromServer(target: TargetSpec): boolean {
  return target.openapi !== undefined || target.protocol === 'tcp' || (target.protocol === 'http' && target.workload?.paths === undefined);
}

/**
 * Lets a generator learn what it needs from a running container of the target (untraced, then
 * removed), for commands that generate units without mining first. Does nothing for a
 * generator that has nothing to learn.
 */
export async function prepareOnce(
  target: TargetSpec,
  generator: GuidedGenerator,
  deps: { readonly runtime: ContainerRuntime; readonly cleanup: CleanupStack; readonly signal: AbortSignal },
): Promise<void> {
  if (!generator.prepare || !learnsFromServer(target)) return;
  const c = await launchContainer({
    runtime: deps.runtime,
    cleanup: deps.cleanup,
    target,
    image: target.image,
    seccompProfile: miningProfileJson(),
    purpose: 'prepare',
    signal: deps.signal,
  });
  try {
    await untilAborted(generator.prepare(c.endpoint, { timeoutMs: PREPARE_TIMEOUT_MS }), deps.signal);
  } finally {
    // Interrupted: no graceful stop, the cleanup stack force-removes it.
    if (!deps.signal.aborted) await untilAborted(deps.runtime.stop(c.id, target.run.stopTimeoutSec), deps.signal).catch(() => undefined);
    await c.remove();
  }
}
