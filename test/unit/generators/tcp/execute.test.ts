import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../../../src/shared/errors.js';
import { createTcpGenerator, type TcpUnit } from '../../../../generators/tcp/index.js';
import { closedPort, startServer, type Behaviour, type TestServer } from './servers.js';

const UNIT_TIMEOUT_MS = 3_000;
// Timer and event-loop slack allowed past a unit's timeout.
const SLACK_MS = 50;
// Short holds keep the suite fast; the executor treats them as any other.
const generator = createTcpGenerator({ holdMs: 300, maxConnections: 6, maxBytes: 16 * 1024 });

const servers = {} as Record<Behaviour, TestServer>;
beforeAll(async () => {
  for (const behaviour of ['echo', 'silent', 'closing', 'banner'] as const) servers[behaviour] = await startServer(behaviour);
});
afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.close()));
});

/** Executes a unit, checking the timeout bound and one answer per connection. */
async function executeTimely(unit: TcpUnit, server: TestServer): Promise<readonly string[]> {
  const started = performance.now();
  const { answers } = await generator.execute(unit, server.endpoint, { timeoutMs: UNIT_TIMEOUT_MS });
  expect(performance.now() - started).toBeLessThanOrEqual(UNIT_TIMEOUT_MS + SLACK_MS);
  expect(answers).toHaveLength(unit.connections.length);
  return answers;
}

/** Executes a unit alone on the server, checking also that no socket stays open. */
async function executeCleanly(unit: TcpUnit, server: TestServer): Promise<readonly string[]> {
  const answers = await executeTimely(unit, server);
  expect(await server.waitForNoConnections(1_000), 'a connection stayed open').toBe(true);
  return answers;
}

const unitsOf = (family: string): TcpUnit[] => [1, 2, 3].map((seed) => generator.generate(family, seed));

/** The answer classes every unit of a family gets from each server. */
const EXPECTED: Record<Behaviour, Record<string, readonly string[]>> = {
  echo: {
    'tcp:connect-close': ['accepted'],
    'tcp:hold': ['silent', 'replied'],
    'tcp:half-close': ['replied closed-by-peer', 'closed-by-peer'],
    'tcp:reset': ['accepted', 'replied', 'silent'],
    'tcp:random-bytes': ['replied'],
    'tcp:recorded-bytes': ['replied'],
    'tcp:slow': ['replied'],
    'tcp:burst': ['replied'],
  },
  silent: {
    'tcp:connect-close': ['accepted'],
    'tcp:hold': ['silent'],
    'tcp:half-close': ['closed-by-peer'],
    'tcp:reset': ['accepted', 'silent'],
    'tcp:random-bytes': ['silent'],
    'tcp:recorded-bytes': ['silent'],
    'tcp:slow': ['silent'],
    'tcp:burst': ['silent'],
  },
  closing: {
    'tcp:connect-close': ['accepted'],
    'tcp:hold': ['closed-by-peer'],
    'tcp:half-close': ['closed-by-peer'],
    'tcp:reset': ['accepted', 'closed-by-peer'],
    'tcp:random-bytes': ['closed-by-peer'],
    'tcp:recorded-bytes': ['closed-by-peer'],
    'tcp:slow': ['closed-by-peer'],
    'tcp:burst': ['closed-by-peer'],
  },
  banner: {
    'tcp:connect-close': ['accepted'],
    'tcp:hold': ['replied'],
    'tcp:half-close': ['replied closed-by-peer'],
    'tcp:reset': ['accepted', 'replied'],
    'tcp:random-bytes': ['replied'],
    'tcp:recorded-bytes': ['replied'],
    'tcp:slow': ['replied'],
    'tcp:burst': ['replied'],
  },
};

describe('executing TCP units against node:net servers', () => {
  it.each(['echo', 'silent', 'closing', 'banner'] as const)(
    'runs every family against the %s server, with the same answers twice',
    async (behaviour) => {
      const server = servers[behaviour];
      // Families side by side (each its own connections), units of a family one after another.
      await Promise.all(
        generator.families.map(async (family) => {
          for (const unit of unitsOf(family)) {
            const first = await executeTimely(unit, server);
            const second = await executeTimely(unit, server);
            expect(second, `${behaviour} ${generator.describe(unit)}`).toEqual(first);
            for (const answer of first) expect(EXPECTED[behaviour][family], generator.describe(unit)).toContain(answer);
          }
        }),
      );
      expect(await server.waitForNoConnections(1_000), 'a connection stayed open').toBe(true);
    },
    60_000,
  );

  it('answers the echo server as the family says: replied for a burst of all its connections', async () => {
    const burst = generator.generate('tcp:burst', 5);
    expect(burst.connections.length).toBeGreaterThanOrEqual(2);
    expect(await executeCleanly(burst, servers.echo)).toEqual(burst.connections.map(() => 'replied'));
  });

  it('really resets and really half-closes', async () => {
    const reset: TcpUnit = { family: 'reset', connections: [{ steps: [{ kind: 'send', data: 'x\n' }], ending: 'await-reply-reset' }] };
    servers.echo.errors.length = 0;
    expect(await executeCleanly(reset, servers.echo)).toEqual(['replied']);
    expect(servers.echo.errors).toContain('ECONNRESET');
    const halfClose: TcpUnit = { family: 'half-close', connections: [{ steps: [{ kind: 'send', data: 'x\n' }], ending: 'half-close' }] };
    const ends = servers.echo.ends.count;
    expect(await executeCleanly(halfClose, servers.echo)).toEqual(['replied closed-by-peer']);
    expect(servers.echo.ends.count).toBe(ends + 1);
  });

  it('answers refused on a closed port, without throwing, for every family', async () => {
    const endpoint = await closedPort();
    for (const family of generator.families) {
      const unit = generator.generate(family, 1);
      const { answers } = await generator.execute(unit, endpoint, { timeoutMs: UNIT_TIMEOUT_MS });
      expect(answers).toEqual(unit.connections.map(() => 'refused'));
    }
  });

  it('stays within its budget when a hold outlasts it', async () => {
    const hold: TcpUnit = { family: 'hold', connections: [{ steps: [{ kind: 'pause', ms: 5_000 }], ending: 'await-reply' }] };
    const started = performance.now();
    const { answers } = await generator.execute(hold, servers.silent.endpoint, { timeoutMs: 400 });
    expect(performance.now() - started).toBeLessThanOrEqual(400 + SLACK_MS);
    expect(answers).toEqual(['silent']);
    expect(await servers.silent.waitForNoConnections(1_000)).toBe(true);
  });

  it('refuses a timeout that is not a positive number', async () => {
    const unit = generator.generate('tcp:connect-close', 1);
    await expect(generator.execute(unit, servers.echo.endpoint, { timeoutMs: 0 })).rejects.toThrow(UsageError);
  });
});
