import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProfile } from '../../src/profile/parse.js';
import { mineNaively, mineTarget, syscallsOutside, underProfile, type Mined } from '../helpers/acceptance.js';
import { operatorSession } from '../helpers/fixture-acceptance.js';
import { fixtureTargetFile, prepareFixtureImages } from '../helpers/fixture-images.js';
import { nodeApiWorkload } from '../helpers/fixture-workloads.js';
import { requireHost } from '../helpers/host.js';

// Debian's Node.js running a one-file node:http service, uid 10002: libuv's thread pool (async fs,
// pbkdf2, scrypt, zlib), child processes (ls, sort), a SIGHUP handler, a graceful SIGTERM.
// Not a built-in target: mined from its target file like a user's image.
const TARGET = fixtureTargetFile('node-api');
let mined: Mined;
let naive: Mined;

/** Traffic, a config reload and log reopen (SIGHUP), a graceful restart, more traffic. */
const operate = operatorSession(nodeApiWorkload, { reloadSignal: 'SIGHUP' });

beforeAll(async () => {
  await prepareFixtureImages(await requireHost(), ['node-api']);
  mined = await mineTarget(TARGET, { seed: 3 });
  naive = await mineNaively(TARGET, 3);
}, 600_000);

afterAll(async () => {
  await mined?.dispose();
  await naive?.dispose();
});

describe('mining a Node.js service with a thread pool and subprocesses (target file)', () => {
  it('saturates, passes its own proof, and records where the image and the target came from', async () => {
    const report = JSON.parse(await readFile(mined.outcome.reportPath, 'utf8'));
    expect(report).toMatchObject({ target: 'node-api', protocol: 'http', port: 3000, stopReason: 'saturated', stopExitCode: 0, targetSource: 'file', targetFile: TARGET });
    expect(report.enforcement.ok).toBe(true);
    expect(report.targetSha256).toMatch(/^[0-9a-f]{64}$/);
    const profile = parseProfile(mined.profileJson, 'seccomp.json');
    expect(profile.sandfuzz).toMatchObject({ imageId: report.imageId, targetSha256: report.targetSha256, repoDigests: [] });
    expect(mined.allowed.size).toBeGreaterThan(30);
    expect(mined.allowed.size).toBeLessThanOrEqual(140);
    // The crawler reaches /files and /sort: node's children are executed.
    expect(mined.allowed).toContain('execve');
  });

  it('allows everything the server does under traffic it never saw, a SIGHUP, a graceful restart and the stop', async () => {
    const { outside, exitCode } = await syscallsOutside(mined, async (live) => void (await operate(mined, live)));
    expect(outside).toEqual([]);
    expect(exitCode).toBe(0);
  }, 180_000);

  it('keeps it answering right under enforcement through the same operations, and it stops with exit 0', async () => {
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
