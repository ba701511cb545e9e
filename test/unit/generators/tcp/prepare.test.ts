import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTcpGenerator, type TcpUnit } from '../../../../generators/tcp/index.js';
import { BANNER, closedPort, startServer, type TestServer } from './servers.js';

let banner: TestServer;
let silent: TestServer;
let closing: TestServer;
beforeAll(async () => {
  [banner, silent, closing] = await Promise.all([startServer('banner'), startServer('silent'), startServer('closing')]);
});
afterAll(async () => {
  await Promise.all([banner, silent, closing].map((s) => s.close()));
});

const sentData = (units: readonly TcpUnit[]): string[] =>
  units.flatMap((u) => u.connections.flatMap((c) => c.steps.flatMap((s) => (s.kind === 'send' ? [s.data] : []))));

const recorded = (generator: ReturnType<typeof createTcpGenerator>): TcpUnit[] =>
  Array.from({ length: 100 }, (_, seed) => generator.generate('tcp:recorded-bytes', seed));

describe('TCP prepare', () => {
  it('records a banner and sends it back in recorded-bytes units, in the stream too', async () => {
    const generator = createTcpGenerator();
    expect(sentData(recorded(generator))).not.toContain(BANNER);
    await generator.prepare!(banner.endpoint, { timeoutMs: 2_000 });
    const units = recorded(generator);
    expect(sentData(units)).toContain(BANNER);
    expect(recorded(generator)).toEqual(units);
    const stream = generator.units(3);
    const streamed = Array.from({ length: 300 }, () => stream.next().value as TcpUnit);
    expect(sentData(streamed)).toContain(BANNER);
    expect(await banner.waitForNoConnections(1_000)).toBe(true);
  });

  it('keeps the constraint messages beside the banner, and a second prepare replaces the banner', async () => {
    const generator = createTcpGenerator({ messages: ['stats\r\n'] });
    await generator.prepare!(banner.endpoint, { timeoutMs: 2_000 });
    expect(sentData(recorded(generator))).toEqual(expect.arrayContaining(['stats\r\n', BANNER]));
    await generator.prepare!(silent.endpoint, { timeoutMs: 2_000 });
    const data = sentData(recorded(generator));
    expect(data).toContain('stats\r\n');
    expect(data).not.toContain(BANNER);
  });

  it('never throws: a silent, a closing and an absent server have no banner', async () => {
    const before = recorded(createTcpGenerator());
    for (const endpoint of [silent.endpoint, closing.endpoint, await closedPort()]) {
      const generator = createTcpGenerator();
      const started = performance.now();
      await expect(generator.prepare!(endpoint, { timeoutMs: 2_000 })).resolves.toBeUndefined();
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(recorded(generator)).toEqual(before);
    }
    expect(await silent.waitForNoConnections(1_000)).toBe(true);
  });
});
