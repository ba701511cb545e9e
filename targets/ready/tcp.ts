import { connect } from 'node:net';
import type { Endpoint } from '../../src/shared/endpoint.js';

const PROBE_TIMEOUT_MS = 2_000;

/**
 * Healthy once a TCP connect succeeds and, with `send`, the first answer starts with `expect`
 * (any answer when `expect` is absent). Raw TCP keeps the probe free of client-library handshakes
 * that would show up in traces.
 */
export function tcpReady(endpoint: Endpoint, send?: string, expect?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: endpoint.host, port: endpoint.port });
    let reply = '';
    let done = false;
    const finish = (ok: boolean): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => finish(false), PROBE_TIMEOUT_MS);
    socket.setEncoding('latin1');
    socket.once('connect', () => {
      if (send === undefined) {
        // Docker's proxy accepts on the published port even while nothing listens inside: a
        // connection it closes at once is not a server. Give it a moment to close.
        setTimeout(() => finish(true), 100);
        return;
      }
      socket.write(send);
    });
    socket.on('data', (chunk: string) => {
      reply += chunk;
      const want = expect ?? '';
      if (reply.length >= want.length || reply.includes('\n')) finish(reply.startsWith(want));
    });
    socket.once('error', () => finish(false));
    socket.once('close', () => finish(false));
  });
}
