import { spawnSync } from 'node:child_process';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerodeImageStore } from '../../src/engine/docker/dockerode-images.js';
import { ensureImage } from '../../targets/build.js';
import { BIN, containersOf, leftovers, startCli, tracersOf, waitFor } from '../helpers/cli-process.js';
import { requireHost } from '../helpers/host.js';
import { TARGETS } from '../helpers/targets.js';

// Item 4 and the acceptance check of issue 9: the mined container killed from outside while
// sandfuzz mines is a recorded crash (reproducer saved, container restarted, run finished), and a
// killed tracer ends the run with exit 72 and one line. Nothing may be left running either way.
let docker: Docker;
let dir: string;

beforeAll(async () => {
  docker = await requireHost();
  await ensureImage(new DockerodeImageStore(docker), TARGETS.nginx);
  dir = await mkdtemp(join(tmpdir(), 'sandfuzz-crash-'));
}, 300_000);

const started: Array<ReturnType<typeof startCli>> = [];
const start = (args: readonly string[]): ReturnType<typeof startCli> => {
  const run = startCli(args);
  started.push(run);
  return run;
};

afterAll(async () => {
  for (const run of started) run.stop();
  await Promise.all(started.map((r) => r.exited));
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The mining container of a sandfuzz process, once it runs. */
async function miningContainer(pid: number): Promise<Docker.ContainerInfo | undefined> {
  return (await containersOf(docker, pid, { running: true, purpose: 'mine' }))[0];
}

/** Waits for the run's mining container; a run that never gets there fails with what it said. */
async function untilMining(run: ReturnType<typeof startCli>): Promise<void> {
  let ended = false;
  void run.exited.then(() => (ended = true));
  await waitFor(async () => (ended ? true : miningContainer(run.pid)), 120_000, 'the mining container');
  if (ended) throw new Error(`sandfuzz ended before it mined: ${run.stderr()}`);
}

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

describe('the mined container killed from outside', () => {
  const out = (): string => join(dir, 'killed');
  let run: ReturnType<typeof startCli>;
  let code: number;

  beforeAll(async () => {
    // nginx saturates in about 12 s: --min-units keeps it mining for the whole budget, so every
    // kill below lands while it mines.
    run = start(['run', '--target', 'nginx', '--seed', '7', '--max-time', '40s', '--min-units', '250', '--out', out()]);
    await untilMining(run);
    await new Promise((r) => setTimeout(r, 3_000));
    // A kill that lands in the target's own restart action goes unnoticed (the restart starts it
    // again anyway): kill until sandfuzz says it saw a death, three times at most.
    for (let i = 0; i < 3 && !run.stderr().includes(' died during '); i++) {
      const c = await miningContainer(run.pid);
      if (c)
        await docker
          .getContainer(c.Id)
          .kill()
          .catch(() => undefined);
      await waitFor(() => run.stderr().includes(' died during '), 8_000, 'the crash line').catch(() => undefined);
    }
    code = await run.exited;
  }, 300_000);

  it('records the crash, restarts the container and finishes the run with a proven profile', async () => {
    expect(run.stderr()).toMatch(
      /sandfuzz: nginx died during (unit|lifecycle) \d+ \(.*\): exited on SIGKILL \(exit code 137\); reproducer saved to .*crashes\/1\.json, restarting it/,
    );
    expect(code, run.stderr()).toBe(0);
    const report = JSON.parse(await readFile(join(out(), 'report.json'), 'utf8'));
    expect(report.crashes.length).toBeGreaterThanOrEqual(1);
    expect(report.crashes[0]).toMatchObject({
      n: 1,
      file: 'crashes/1.json',
      exitCode: 137,
      signal: 'SIGKILL',
      reason: 'exited on SIGKILL (exit code 137)',
    });
    expect(report.enforcement.ok).toBe(true);
    expect(await exists(join(out(), 'seccomp.json'))).toBe(true);
    // Mining went on after the restart: units ran after the one the server died in.
    expect(report.unitsRun).toBeGreaterThan(report.crashes[0].step);
    expect(run.stdout()).toMatch(/ {2}crashes: {5}\d+, the server was restarted each time/);
  });

  it('saves the step as a replayable reproducer: the unit as the corpus stores it, seed, exit, last log lines, replay command', async () => {
    const crash = JSON.parse(await readFile(join(out(), 'crashes', '1.json'), 'utf8'));
    expect(crash).toMatchObject({
      kind: 'sandfuzz-crash',
      crash: 1,
      target: 'nginx',
      targetRef: 'nginx',
      generator: 'http',
      seed: 7,
      exit: { exitCode: 137, signal: 'SIGKILL' },
    });
    expect(crash.units).toHaveLength(1);
    expect(crash.units[0]).toMatchObject({ crashed: 1 });
    expect(Array.isArray(crash.logTail)).toBe(true);
    expect(crash.replay).toBe(`sandfuzz replay ${join(out(), 'crashes', '1.json')}`);
  });

  it('the reproducer replays: a kill from outside does not come back, so the server survives it (exit 0)', () => {
    const r = spawnSync(process.execPath, [BIN, 'replay', join(out(), 'crashes', '1.json')], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^not reproduced: nginx survived (unit|lifecycle) \d+/);
  }, 120_000);

  it('leaves nothing running', async () => {
    expect(await leftovers(docker, run.pid)).toEqual({ containers: [], tracers: [] });
  });
});

describe('the tracer killed from outside', () => {
  it('ends the run with exit 72 and one line, no profile, nothing left running', async () => {
    const out = join(dir, 'tracer-killed');
    const run = start(['run', '--target', 'nginx', '--seed', '8', '--max-time', '40s', '--min-units', '250', '--out', out]);
    await untilMining(run);
    await new Promise((r) => setTimeout(r, 3_000));
    const tracers = await tracersOf(run.pid);
    expect(tracers).toHaveLength(1);
    process.kill(tracers[0]!, 'SIGKILL');
    const code = await run.exited;
    expect(code, run.stderr()).toBe(72);
    const said = run
      .stderr()
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('sandfuzz: ') && !/^sandfuzz: (built|using|attaching|mining) /.test(l));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^sandfuzz: tracer died( while mining)?: sandfuzz-trace exited \(SIGKILL\)$/);
    expect(await exists(join(out, 'seccomp.json'))).toBe(false);
    expect(await leftovers(docker, run.pid)).toEqual({ containers: [], tracers: [] });
  }, 300_000);
});
