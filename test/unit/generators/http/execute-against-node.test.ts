import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpGenerator, httpGenerator, type HttpUnit } from '../../../../generators/http/index.js';
import { startRecordingServer, type RecordingServer } from './recording-server.js';
import { takeUnits as take } from './take-units.js';
import { expectClientUnitSeen, expectMalformedUnitSeen, expectRawUnitSeen } from './unit-expectations.js';

const UNIT_TIMEOUT_MS = 3_000;
// Timer and event-loop slack allowed past a unit's timeout.
const SLACK_MS = 50;

let server: RecordingServer;

beforeAll(async () => {
  server = await startRecordingServer();
});

afterAll(async () => {
  await server.close();
});

/** Executes a unit on a clean server, checking the timeout bound and that no socket stays open. */
async function executeCleanly(unit: HttpUnit): Promise<readonly string[]> {
  server.clear();
  const started = performance.now();
  const { answers } = await httpGenerator.execute(unit, server.endpoint, { timeoutMs: UNIT_TIMEOUT_MS });
  expect(performance.now() - started).toBeLessThanOrEqual(UNIT_TIMEOUT_MS + SLACK_MS);
  expect(answers).toHaveLength(unit.kind === 'client' ? unit.requests.length : unit.messages.length);
  expect(await server.waitForNoConnections(1_000), 'a connection stayed open').toBe(true);
  return answers;
}

function expectSeenAsSent(unit: HttpUnit, answers: readonly string[]): void {
  if (unit.kind === 'client') expectClientUnitSeen(unit, answers, server);
  else if (unit.family === 'malformed') expectMalformedUnitSeen(unit, answers, server);
  else expectRawUnitSeen(unit, answers, server);
}

describe('executing units against a node:http server', () => {
  it('delivers 150 mixed units as Node parses them, on time, without leaking sockets', async () => {
    for (const unit of take(httpGenerator, 7, 150)) {
      const answers = await executeCleanly(unit);
      expectSeenAsSent(unit, answers);
    }
  }, 120_000);

  it('has Node refuse malformed units where the flaw demands it', async () => {
    const malformed = createHttpGenerator({ families: ['malformed'] });
    for (const unit of take(malformed, 8, 80)) {
      const answers = await executeCleanly(unit);
      expectSeenAsSent(unit, answers);
    }
  }, 120_000);

  it('gives identical answers when the same units run twice', async () => {
    const units = [...take(httpGenerator, 21, 60), ...take(createHttpGenerator({ families: ['malformed', 'pipeline', 'http10'] }), 22, 40)];
    const first: (readonly string[])[] = [];
    for (const unit of units) first.push(await executeCleanly(unit));
    const second: (readonly string[])[] = [];
    for (const unit of units) second.push(await executeCleanly(unit));
    expect(second).toEqual(first);
  }, 120_000);
});
