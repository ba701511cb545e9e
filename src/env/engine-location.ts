import { RemoteEngineError } from '../shared/errors.js';

/** Hosts that are this machine: an engine there runs the containers where the tracer runs. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * Refuses a DOCKER_HOST on another machine in one line. The eBPF tracer sees the syscalls of the
 * kernel it runs on: containers started by a remote engine would be mined as empty profiles.
 */
export function assertLocalEngine(dockerHost: string | undefined): void {
  if (!dockerHost) return;
  if (dockerHost.startsWith('unix://') || dockerHost.startsWith('/')) return;
  let host = '';
  try {
    host = new URL(dockerHost).hostname;
  } catch {
    host = dockerHost;
  }
  if (/^(tcp|http|https):$/.test(dockerHost.split('//')[0] ?? '') && (LOCAL_HOSTS.has(host) || host.startsWith('127.'))) return;
  throw new RemoteEngineError(
    `DOCKER_HOST=${dockerHost} is an engine on another host, and the tracer must run where the containers run: run sandfuzz on that host (ssh there and run the same command), or unset DOCKER_HOST to use this machine's engine`,
  );
}
