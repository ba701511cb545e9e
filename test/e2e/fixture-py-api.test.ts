import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mineTarget, syscallsOutside, underProfile, type Mined } from '../helpers/acceptance.js';
import { operatorSession } from '../helpers/fixture-acceptance.js';
import { fixtureTargetFile, prepareFixtureImages } from '../helpers/fixture-images.js';
import { pyApiWorkload } from '../helpers/fixture-workloads.js';
import { requireHost } from '../helpers/host.js';

// A Flask API with an OpenAPI description at /openapi.json and its data in SQLite, behind a
// shell-script entry point, as a non-root user. Its interesting work (a SQLite commit, a
// subprocess, a file written and renamed, an unlink) runs only for schema-valid requests.
const TARGET = fixtureTargetFile('py-api');
/** What only schema-valid requests make the API do (measured with strace on the image). */
const VALID_ONLY = ['rename', 'fdatasync', 'wait4', 'unlink'];
let mined: Mined;
let blind: Mined;
let blindDir: string;

const operate = operatorSession(pyApiWorkload);

beforeAll(async () => {
  await prepareFixtureImages(await requireHost(), ['py-api']);
  mined = await mineTarget(TARGET, { seed: 5 });
  // The same image mined blind: no OpenAPI description and none of the team's own tests, so only
  // the generic HTTP generator (with link following) drives it.
  blindDir = await mkdtemp(join(tmpdir(), 'sandfuzz-py-api-blind-'));
  const text = (await readFile(TARGET, 'utf8')).split('\n');
  const cut = text.findIndex((l) => l.startsWith('workloads:'));
  const blindFile = join(blindDir, 'py-api-blind.yaml');
  const kept = text.slice(0, cut < 0 ? text.length : cut).filter((l) => !l.startsWith('openapi:') && !l.startsWith('name:'));
  await writeFile(blindFile, `${kept.join('\n')}\nname: py-api-blind\n`);
  blind = await mineTarget(blindFile, { seed: 5, enforce: false, holdout: 0 });
}, 600_000);

afterAll(async () => {
  await mined?.dispose();
  await blind?.dispose();
  if (blindDir) await rm(blindDir, { recursive: true, force: true });
});

describe('mining an interpreted API with an OpenAPI description and its own tests', () => {
  it("credits syscalls to operations and to the team's workload, and passes its own proof", async () => {
    const report = JSON.parse(await readFile(mined.outcome.reportPath, 'utf8'));
    expect(report.enforcement.ok).toBe(true);
    expect(report.stopReason).toBe('saturated');
    const families = Object.keys(report.families);
    expect(families).toEqual(expect.arrayContaining(['openapi:POST /items', 'openapi:GET /items/{id}', 'openapi:POST /reports', 'workload:crud']));
    expect(families.some((f) => f.startsWith('http:'))).toBe(true);
    const byOperation = report.syscalls.filter(
      (s: { foundBy: { phase: string; family?: string } }) => s.foundBy.phase === 'unit' && s.foundBy.family?.startsWith('openapi:'),
    );
    expect(byOperation.length).toBeGreaterThan(0);
  });

  it('contains what schema-valid work needs, and a profile mined without the description does not', () => {
    for (const name of VALID_ONLY) expect(mined.allowed, name).toContain(name);
    const missing = VALID_ONLY.filter((n) => !blind.allowed.has(n));
    expect(missing.length, `blind profile has ${VALID_ONLY.filter((n) => blind.allowed.has(n)).join(', ')}`).toBeGreaterThanOrEqual(3);
  });

  it('allows everything the API does under an independent CRUD and reports session, a restart and the stop', async () => {
    const { outside, exitCode } = await syscallsOutside(mined, async (live) => void (await operate(mined, live)));
    expect(outside).toEqual([]);
    expect(exitCode).toBe(0);
  }, 180_000);

  it('answers every request right under enforcement, and stops with exit 0', async () => {
    const { result, exitCode } = await underProfile(mined, (live) => operate(mined, live));
    expect(result.wrong).toEqual([]);
    expect(result.errors).toBe(0);
    expect(exitCode).toBe(0);
  }, 180_000);

  it('has teeth: the blind profile fails that same check', async () => {
    const { outside } = await syscallsOutside(blind, async (live) => void (await operate(blind, live)));
    expect(outside).toEqual(expect.arrayContaining(['rename']));
  }, 180_000);
});
