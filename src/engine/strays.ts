import type { ContainerRuntime } from './docker/runtime.js';
import { LABEL, OWNER_PID_LABEL } from './container-session.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes containers an earlier sandfuzz left behind (killed with SIGKILL, machine crash): those
 * labelled by a sandfuzz process that no longer exists. Returns how many were removed.
 */
export async function removeStrayContainers(runtime: ContainerRuntime): Promise<number> {
  let removed = 0;
  for (const c of await runtime.listByLabel(LABEL)) {
    const owner = Number(c.labels[OWNER_PID_LABEL]);
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && !alive(owner)) {
      await runtime.remove(c.id);
      removed++;
    }
  }
  return removed;
}
