import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../../../src/shared/errors.js';
import { httpGenerator, type ClientUnit, type HttpUnit, type RawUnit } from '../../../../generators/http/index.js';
import type { Endpoint } from '../../../../generators/types.js';
import { takeUnits } from './take-units.js';

const CLIENT_UNIT: ClientUnit = {
  kind: 'client',
  family: 'get',
  connections: 2,
  requests: [
    { method: 'GET', path: '/', headers: [], body: null },
    { method: 'HEAD', path: '/big.bin', headers: [], body: null },
  ],
};

const RAW_UNIT: RawUnit = {
  kind: 'raw',
  family: 'pipeline',
  messages: [
    {
      kind: 'request',
      method: 'GET',
      target: '/',
      version: 'HTTP/1.1',
      headers: [],
      body: null,
      framing: { kind: 'length' },
      flaw: null,
    },
    {
      kind: 'request',
      method: 'POST',
      target: '/',
      version: 'HTTP/1.1',
      headers: [],
      body: { size: 70_000, seed: 3 },
      framing: { kind: 'chunked', chunkSize: 1000 },
      flaw: null,
    },
  ],
};

/** A TCP server that treats every connection with `onConnection`, counting the open ones. */
async function tcpServer(onConnection: (socket: net.Socket) => void) {
  const open = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: { host: '127.0.0.1', port: (server.address() as AddressInfo).port } satisfies Endpoint,
    async drained(ms: number): Promise<boolean> {
      const until = Date.now() + ms;
      while (open.size > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
      return open.size === 0;
    },
    close: () => {
      for (const socket of open) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

type TcpServer = Awaited<ReturnType<typeof tcpServer>>;

async function timed(unit: HttpUnit, endpoint: Endpoint, timeoutMs: number): Promise<{ answers: readonly string[]; ms: number }> {
  const started = performance.now();
  const { answers } = await httpGenerator.execute(unit, endpoint, { timeoutMs });
  return { answers, ms: performance.now() - started };
}

const units = [CLIENT_UNIT, RAW_UNIT, ...takeUnits(httpGenerator, 13, 20)];
const size = (unit: HttpUnit): number => (unit.kind === 'client' ? unit.requests.length : unit.messages.length);

describe('executing against servers that misbehave', () => {
  let silent: TcpServer;
  let resetting: TcpServer;

  beforeAll(async () => {
    silent = await tcpServer((socket) => socket.resume()); // reads everything, answers nothing
    resetting = await tcpServer((socket) => socket.resetAndDestroy());
  });

  afterAll(async () => {
    await silent.close();
    await resetting.close();
  });

  it('answers timeout when nothing comes back, on time, and lets go of the connection', async () => {
    for (const unit of units) {
      const { answers, ms } = await timed(unit, silent.endpoint, 300);
      expect(ms).toBeLessThanOrEqual(350);
      expect(answers).toHaveLength(size(unit));
      // A slowloris unit hangs up by itself; everything else waits in vain.
      for (const answer of answers) expect(['timeout', 'abandoned']).toContain(answer);
      expect(await silent.drained(1_000)).toBe(true);
    }
  }, 30_000);

  it('answers closed when the server resets every connection', async () => {
    for (const unit of units) {
      const { answers, ms } = await timed(unit, resetting.endpoint, 1_000);
      expect(ms).toBeLessThanOrEqual(1_050);
      for (const answer of answers) expect(['closed', 'unsent', 'abandoned']).toContain(answer);
    }
  }, 30_000);

  it('answers refused when nothing listens', async () => {
    const probe = await tcpServer(() => undefined);
    const { endpoint } = probe;
    await probe.close();
    for (const unit of [CLIENT_UNIT, RAW_UNIT]) {
      const { answers } = await timed(unit, endpoint, 1_000);
      expect(answers).toEqual(answers.map(() => 'refused'));
    }
  });

  it('refuses a timeout that is not a positive number', async () => {
    await expect(httpGenerator.execute(CLIENT_UNIT, silent.endpoint, { timeoutMs: 0 })).rejects.toThrow(UsageError);
    await expect(httpGenerator.execute(CLIENT_UNIT, silent.endpoint, { timeoutMs: Number.NaN })).rejects.toThrow(
      /http execute timeoutMs must be a positive number/,
    );
  });
});
