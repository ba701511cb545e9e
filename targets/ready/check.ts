import type { Endpoint } from '../../src/shared/endpoint.js';
import type { Protocol, ReadyCheck, ReadyProbe } from '../types.js';
import { httpReady } from './http.js';
import { postgresReady } from './postgres.js';
import { tcpReady } from './tcp.js';

/** A loading redis answers -LOADING; a password-protected one -NOAUTH, which is up all the same. */
const RESP_READY = (e: Endpoint): Promise<boolean> => tcpReady(e, 'PING\r\n', '+PONG').then((ok) => ok || tcpReady(e, 'PING\r\n', '-NOAUTH'));

/** Each protocol's own health check, used when a target names no probe. */
const PROTOCOL_CHECKS: Record<Protocol, (e: Endpoint, env: Readonly<Record<string, string>>) => Promise<boolean>> = {
  http: (e) => httpReady(e, '/'),
  resp: RESP_READY,
  // The official image's variables name the user; Debian's cluster has only `postgres`.
  postgres: (e, env) => postgresReady(e, env.POSTGRES_USER ?? 'postgres', env.POSTGRES_DB ?? env.POSTGRES_USER ?? 'postgres'),
  tcp: (e) => tcpReady(e),
};

/** The readiness check for a probe. Never throws: a failing probe is `false`. */
export function readyCheck(probe: ReadyProbe, protocol: Protocol, environment: Readonly<Record<string, string>> = {}): ReadyCheck {
  switch (probe.kind) {
    case 'http':
      return (e) => httpReady(e, probe.path, probe.status);
    case 'tcp':
      return (e) => tcpReady(e, probe.send, probe.expect);
    case 'exec':
      return (_e, exec) =>
        exec(probe.cmd).then(
          (code) => code === 0,
          () => false,
        );
    case 'protocol':
      return (e) => PROTOCOL_CHECKS[protocol](e, environment);
  }
}

/** One line for reports and logs. */
export function describeProbe(probe: ReadyProbe): string {
  switch (probe.kind) {
    case 'http':
      return `GET ${probe.path} answers ${probe.status ?? 'below 500'}`;
    case 'tcp':
      return probe.send === undefined ? 'TCP connect' : `TCP ${JSON.stringify(probe.send)} answers ${JSON.stringify(probe.expect ?? '')}`;
    case 'exec':
      return `exec ${probe.cmd.join(' ')} exits 0`;
    case 'protocol':
      return "the protocol's own check";
  }
}
