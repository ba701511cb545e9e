import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { listTargets } from '../../../targets/index.js';
import { readyCheck } from '../../../targets/ready/check.js';
import { resolveTargetSpec } from '../../../targets/resolve.js';
import type { Endpoint } from '../../../generators/types.js';

/** The built-ins' readiness checks, as the engine binds them (exec probes would exit 1 here). */
const TARGETS = Object.fromEntries(
  listTargets().map((def) => {
    const { spec } = resolveTargetSpec(def, []);
    const check = readyCheck(spec.ready.probe, spec.protocol, spec.run.environment);
    return [def.name, { name: def.name, ready: (e: Endpoint) => check(e, async () => 1) }];
  }),
) as Record<'nginx' | 'redis' | 'postgres', { name: string; ready: (e: Endpoint) => Promise<boolean> }>;

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

describe('target-file probes', () => {
  const noExec = async (): Promise<number> => 1;

  it('http without a status: any answer below 500 is ready (an API may answer 404 at /)', async () => {
    let status = 404;
    const endpoint = await listen(
      createHttpServer((_req, res) => {
        res.statusCode = status;
        res.end();
      }),
    );
    const check = readyCheck({ kind: 'http', path: '/health' }, 'http');
    expect(await check(endpoint, noExec)).toBe(true);
    status = 502;
    expect(await check(endpoint, noExec)).toBe(false);
  });

  it('tcp: a connect is enough; with send/expect the answer must match', async () => {
    const endpoint = await listen(tcpReplying('VERSION 1.6\r\n'));
    expect(await readyCheck({ kind: 'tcp' }, 'tcp')(endpoint, noExec)).toBe(true);
    expect(await readyCheck({ kind: 'tcp', send: 'version\r\n', expect: 'VERSION' }, 'tcp')(endpoint, noExec)).toBe(true);
    expect(await readyCheck({ kind: 'tcp', send: 'version\r\n', expect: 'ERROR' }, 'tcp')(endpoint, noExec)).toBe(false);
    expect(await readyCheck({ kind: 'tcp' }, 'tcp')(await closedPort(), noExec)).toBe(false);
  });

  it('exec: ready when the command exits 0 in the container; a failing exec is not ready', async () => {
    const endpoint = await closedPort();
    const seen: string[][] = [];
    const exec = async (cmd: readonly string[]): Promise<number> => (seen.push([...cmd]), cmd[0] === 'ok' ? 0 : 3);
    expect(await readyCheck({ kind: 'exec', cmd: ['ok', '-q'] }, 'tcp')(endpoint, exec)).toBe(true);
    expect(await readyCheck({ kind: 'exec', cmd: ['fail'] }, 'tcp')(endpoint, exec)).toBe(false);
    expect(await readyCheck({ kind: 'exec', cmd: ['x'] }, 'tcp')(endpoint, () => Promise.reject(new Error('no such container')))).toBe(false);
    expect(seen).toEqual([['ok', '-q'], ['fail']]);
  });
});
