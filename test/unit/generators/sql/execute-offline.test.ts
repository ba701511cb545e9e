import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sqlGenerator } from '../../../../generators/sql/index.js';
import type { SqlUnit } from '../../../../generators/sql/index.js';
import { UsageError } from '../../../../src/shared/errors.js';

// Execution with no PostgreSQL at all: a closed port and a server that accepts and never speaks.
const servers: net.Server[] = [];
const sockets: net.Socket[] = [];
let openSockets = 0;

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function listen(onConnection: (socket: net.Socket) => void): Promise<number> {
  const server = net.createServer((socket) => {
    sockets.push(socket);
    openSockets++;
    socket.on('close', () => openSockets--);
    // Read (and drop) what the client sends, so its hang-up is seen.
    socket.resume();
    onConnection(socket);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

async function closedPort(): Promise<number> {
  const port = await listen(() => undefined);
  await new Promise((resolve) => servers.pop()!.close(resolve));
  return port;
}

const UNIT: SqlUnit = {
  family: 'query',
  tls: false,
  peerDatabase: 'postgres',
  steps: [
    { kind: 'query', conn: 0, sql: 'SELECT 1', params: null, protocol: 'simple', detail: 'rows' },
    { kind: 'raw', probe: { kind: 'cancel-request', pid: 1, key: 2 } },
    { kind: 'query', conn: 1, sql: 'SELECT 2', params: null, protocol: 'extended', detail: 'rows' },
  ],
};

describe('sql execute without a server', () => {
  it('answers refused for every step of a closed port, quickly, without throwing', async () => {
    const port = await closedPort();
    const started = performance.now();
    const { answers } = await sqlGenerator.execute(UNIT, { host: '127.0.0.1', port }, { timeoutMs: 3_000 });
    expect(answers).toEqual(['refused', 'refused', 'refused']);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('answers timeout when the server never speaks, settling within the budget and leaving no socket open', async () => {
    const port = await listen(() => undefined);
    const started = performance.now();
    const { answers } = await sqlGenerator.execute(UNIT, { host: '127.0.0.1', port }, { timeoutMs: 1_500 });
    const elapsed = performance.now() - started;
    expect(answers).toEqual(['timeout', 'timeout', 'timeout']);
    expect(elapsed).toBeGreaterThan(1_000);
    expect(elapsed).toBeLessThan(2_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(openSockets).toBe(0);
  });

  it('answers closed when the server hangs up at once', async () => {
    const port = await listen((socket) => socket.destroy());
    const { answers } = await sqlGenerator.execute(UNIT, { host: '127.0.0.1', port }, { timeoutMs: 3_000 });
    expect(answers).toEqual(['closed', 'closed', 'closed']);
  });

  it('refuses to send a forbidden step, answering forbidden', async () => {
    const port = await closedPort();
    const unit: SqlUnit = {
      ...UNIT,
      steps: [{ kind: 'query', conn: 0, sql: 'DROP DATABASE postgres', params: null, protocol: 'simple', detail: 'class' }],
    };
    expect((await sqlGenerator.execute(unit, { host: '127.0.0.1', port }, { timeoutMs: 1_000 })).answers).toEqual(['forbidden']);
  });

  it('rejects a timeout that is not a positive number', async () => {
    await expect(sqlGenerator.execute(UNIT, { host: '127.0.0.1', port: 1 }, { timeoutMs: 0 })).rejects.toThrow(UsageError);
  });
});
