import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { respGenerator, type RespUnit } from '../../../../generators/resp/index.js';
import type { Endpoint } from '../../../../generators/types.js';
import { UsageError } from '../../../../src/shared/errors.js';

const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();

/** A TCP server on a free loopback port that handles each connection with `onConnection`. */
async function serve(onConnection: (socket: net.Socket) => void): Promise<Endpoint> {
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { host: '127.0.0.1', port: (server.address() as net.AddressInfo).port };
}

afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

const unit: RespUnit = {
  family: 'string',
  steps: [
    { kind: 'command', conn: 0, args: ['SET', 'str:0', 'v'] },
    { kind: 'inline', conn: 0, words: ['GET', 'str:0'] },
    { kind: 'pause', ms: 10 },
  ],
};

describe('executing units against servers that misbehave', () => {
  it('answers refused when nothing listens', async () => {
    const endpoint = await serve(() => undefined);
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const { answers } = await respGenerator.execute(unit, endpoint, { timeoutMs: 2_000 });
    expect(answers.slice(0, 2)).toEqual(['refused', 'refused']);
  });

  it('answers timeout, within the deadline, when the server never replies', async () => {
    const endpoint = await serve(() => undefined);
    const started = Date.now();
    const { answers } = await respGenerator.execute(unit, endpoint, { timeoutMs: 600 });
    expect(Date.now() - started).toBeLessThan(900);
    expect(answers[0]).toBe('timeout');
  });

  it('answers closed when the server hangs up', async () => {
    const endpoint = await serve((socket) => socket.end());
    const { answers } = await respGenerator.execute(unit, endpoint, { timeoutMs: 2_000 });
    expect(answers.slice(0, 2)).toEqual(['closed', 'closed']);
  });

  it('pairs replies with commands however the bytes are split, and resets connections at the end', async () => {
    const received: string[] = [];
    const endpoint = await serve((socket) => {
      socket.on('data', (chunk) => {
        received.push(chunk.toString('latin1'));
        const reply = chunk.includes('RESET') ? '+RESET\r\n' : chunk.includes('GET') ? '$1\r\nv\r\n' : '+OK\r\n';
        for (const byte of Buffer.from(reply)) socket.write(Buffer.from([byte]));
      });
    });
    const { answers } = await respGenerator.execute(unit, endpoint, { timeoutMs: 2_000 });
    expect(answers).toEqual(['+ OK', '$ "v"', 'pause']);
    expect(received.join('')).toContain('*1\r\n$5\r\nRESET\r\n');
  });

  it('refuses a timeout that is not a positive number', async () => {
    await expect(respGenerator.execute(unit, { host: '127.0.0.1', port: 1 }, { timeoutMs: 0 })).rejects.toThrow(UsageError);
  });
});
