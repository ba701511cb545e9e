import type { LiveContainer } from '../../src/engine/container-session.js';
import { restartGracefully, type Mined } from './acceptance.js';
import type { Endpoint, WorkloadResult } from './fixture-workloads.js';

/** What the independent checks hold a fixture to: its own workload's errors and wrong answers. */
export interface Operated {
  readonly errors: number;
  readonly wrong: string[];
}

/**
 * What an operator does to a running fixture: the independent workload, an optional reload
 * signal, a graceful restart, the workload again. The same drive runs traced and enforced.
 */
export function operatorSession(
  workload: (endpoint: Endpoint) => Promise<WorkloadResult>,
  options: { readonly reloadSignal?: string } = {},
): (m: Mined, live: LiveContainer) => Promise<Operated> {
  return async (m, live) => {
    const first = await workload(live.current.endpoint);
    if (options.reloadSignal) {
      await m.runtime.signal(live.current.id, options.reloadSignal);
      await new Promise((r) => setTimeout(r, 1_000));
    }
    await restartGracefully(m, live);
    const second = await workload(live.current.endpoint);
    return { errors: first.errors + second.errors, wrong: [...first.wrong, ...second.wrong] };
  };
}
