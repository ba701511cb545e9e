import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mineNaively, mineTarget, syscallsOutside, underProfile, type Mined } from '../helpers/acceptance.js';
import { operatorSession } from '../helpers/fixture-acceptance.js';
import { fixtureTargetFile, prepareFixtureImages } from '../helpers/fixture-images.js';
import { memcachedWorkload } from '../helpers/fixture-workloads.js';
import { requireHost } from '../helpers/host.js';

// memcached speaks a protocol sandfuzz has no generator for: the generic TCP generator drives
// it, with an operator action (stats, flush_all from the host) and a workload from the target file.
const TARGET = fixtureTargetFile('memcached');
let mined: Mined;
let naive: Mined;

const operate = operatorSession(memcachedWorkload);

beforeAll(async () => {
  await prepareFixtureImages(await requireHost(), ['memcached']);
  mined = await mineTarget(TARGET, { seed: 9 });
  naive = await mineNaively(TARGET, 9);
}, 600_000);

afterAll(async () => {
  await mined?.dispose();
  await naive?.dispose();
});

describe('mining a service sandfuzz does not speak (tcp)', () => {
  it('runs the generic TCP families, the host action and the workload, and passes its own proof', async () => {
    const report = JSON.parse(await readFile(mined.outcome.reportPath, 'utf8'));
    expect(report).toMatchObject({ protocol: 'tcp', port: 11211, stopExitCode: 0 });
    expect(report.enforcement.ok).toBe(true);
    const families = Object.keys(report.families);
    for (const f of ['tcp:connect-close', 'tcp:half-close', 'tcp:reset', 'tcp:random-bytes', 'tcp:recorded-bytes', 'lifecycle:stats and flush_all', 'workload:cache']) {
      expect(families, f).toContain(f);
    }
  });

  it('allows everything memcached does under an independent cache workload, a restart and the stop', async () => {
    const { outside, exitCode } = await syscallsOutside(mined, async (live) => void (await operate(mined, live)));
    expect(outside).toEqual([]);
    expect(exitCode).toBe(0);
  }, 180_000);

  it('answers every command right under enforcement, and stops with exit 0', async () => {
    const { result, exitCode } = await underProfile(mined, (live) => operate(mined, live));
    expect(result.wrong).toEqual([]);
    expect(result.errors).toBe(0);
    expect(exitCode).toBe(0);
  }, 180_000);

  it('has teeth: a start-one-request-stop profile misses syscalls that same check needs', async () => {
    const { outside } = await syscallsOutside(naive, async (live) => void (await operate(naive, live)));
    expect(outside.length).toBeGreaterThan(0);
  }, 180_000);
});
