import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TARGETS } from '../../../targets/index.js';

// Probes against local fakes: they must answer true only for a healthy reply, and false (never a
// throw) for refusals, wrong answers and silence, without leaving sockets open.
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function listen(server: Server): Promise<{ host: string; port: number }> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { host: '127.0.0.1', port: (server.address() as AddressInfo).port };
}

/** A TCP server that writes `reply` to every connection once it has received something. */
function tcpReplying(reply: string | undefined): Server {
  return createServer((sock) => {
    sock.on('error', () => undefined);
    sock.once('data', () => (reply === undefined ? undefined : sock.write(reply)));
  });
}

async function closedPort(): Promise<{ host: string; port: number }> {
  const server = createServer();
  const endpoint = await listen(server);
  await new Promise((r) => server.close(r));
  servers.pop();
  return endpoint;
}

describe('ready probes', () => {
  it.each(Object.values(TARGETS))('$name answers false on a closed port', async (target) => {
    expect(await target.ready(await closedPort())).toBe(false);
  });

  it('redis: +PONG is ready, -LOADING is not, silence times out as false', async () => {
    expect(await TARGETS.redis.ready(await listen(tcpReplying('+PONG\r\n')))).toBe(true);
    expect(await TARGETS.redis.ready(await listen(tcpReplying('-LOADING Redis is loading\r\n')))).toBe(false);
    expect(await TARGETS.redis.ready(await listen(tcpReplying(undefined)))).toBe(false);
  });

  it('nginx: 200 is ready, 503 is not', async () => {
    let status = 200;
    const server = createHttpServer((_req, res) => {
      res.statusCode = status;
      res.end('body');
    });
    const endpoint = await listen(server);
    expect(await TARGETS.nginx.ready(endpoint)).toBe(true);
    status = 503;
    expect(await TARGETS.nginx.ready(endpoint)).toBe(false);
  });

  it('postgres: a server speaking another protocol is not ready', async () => {
    expect(await TARGETS.postgres.ready(await listen(tcpReplying('HTTP/1.1 400 Bad Request\r\n\r\n')))).toBe(false);
  });
});
