import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveContainer } from '../../src/engine/container-session.js';
import { parseProfile } from '../../src/profile/parse.js';
import { mineNaively, mineTarget, restartGracefully, syscallsOutside, underProfile, type Mined, socketFamiliesOpenUnder } from './acceptance.js';
import { buildSockprobeImage } from './probe-image.js';
import { fixtureTargetFile, prepareFixtureImages, type FixtureName } from './fixture-images.js';
import type { Endpoint, WorkloadResult } from './fixture-workloads.js';
import { requireHost } from './host.js';

/** What the independent checks hold a fixture to: its own workload's errors and wrong answers. */
export interface Operated {
  readonly errors: number;
  readonly wrong: string[];
}

/**
 * What an operator does to a running fixture: the independent workload, an optional reload
 * signal, a graceful restart, the workload again. The same drive runs traced and enforced.
 */
export function operatorSession(
  workload: (endpoint: Endpoint) => Promise<WorkloadResult>,
  options: { readonly reloadSignal?: string } = {},
): (m: Mined, live: LiveContainer) => Promise<Operated> {
  return async (m, live) => {
    const first = await workload(live.current.endpoint);
    if (options.reloadSignal) {
      await m.runtime.signal(live.current.id, options.reloadSignal);
      await new Promise((r) => setTimeout(r, 1_000));
    }
    await restartGracefully(m, live);
    const second = await workload(live.current.endpoint);
    return { errors: first.errors + second.errors, wrong: [...first.wrong, ...second.wrong] };
  };
}

/** What one fixture's acceptance suite needs: the image, its workload, and checks of its own. */
export interface FixtureSuite {
  readonly name: FixtureName;
  /** The describe block's title. */
  readonly title: string;
  readonly seed: number;
  readonly workload: (endpoint: Endpoint) => Promise<WorkloadResult>;
  readonly reloadSignal?: string;
  /** What report.json must hold besides a saturated, proven, cleanly stopped run of the file. */
  readonly report: Readonly<Record<string, unknown>>;
  /** More checks of the mined profile and report. */
  readonly mined?: (mined: Mined, report: Record<string, unknown>) => void;
}

/**
 * The end-to-end acceptance of a fixture image mined from its target file: a saturated run that
 * passed its own proof with provenance; an independent operator session traced (nothing outside
 * the profile) and enforced (every answer right, exit 0); and a start-one-request-stop profile
 * failing the same traced check, so the check has teeth.
 */
export function fixtureAcceptanceSuite(s: FixtureSuite): void {
  const target = fixtureTargetFile(s.name);
  const operate = operatorSession(s.workload, s.reloadSignal ? { reloadSignal: s.reloadSignal } : {});
  const session = s.reloadSignal
    ? `traffic it never saw, ${s.reloadSignal}, a graceful restart and the stop`
    : 'traffic it never saw, a graceful restart and the stop';
  let mined: Mined;
  let naive: Mined;

  beforeAll(async () => {
    await prepareFixtureImages(await requireHost(), [s.name]);
    mined = await mineTarget(target, { seed: s.seed });
    naive = await mineNaively(target, s.seed);
  }, 600_000);

  afterAll(async () => {
    await mined?.dispose();
    await naive?.dispose();
  });

  describe(s.title, () => {
    it('saturates, passes its own proof, and records where the image and the target came from', async () => {
      const report = JSON.parse(await readFile(mined.outcome.reportPath, 'utf8'));
      expect(report).toMatchObject({
        ...s.report,
        target: s.name,
        stopReason: 'saturated',
        stopExitCode: 0,
        targetSource: 'file',
        targetFile: target,
      });
      expect(report.enforcement.ok).toBe(true);
      expect(report.targetSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(parseProfile(mined.profileJson, 'seccomp.json').sandfuzz).toMatchObject({
        imageId: report.imageId,
        targetSha256: report.targetSha256,
        repoDigests: [],
      });
      s.mined?.(mined, report);
    });

    it(`allows everything it does under ${session}`, async () => {
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

    it('opens no socket family the image never used (argument rules)', async () => {
      const opened = await socketFamiliesOpenUnder(mined, await buildSockprobeImage(mined.runtime.docker));
      for (const family of ['AF_ALG', 'AF_VSOCK', 'AF_PACKET', 'AF_KEY', 'AF_XDP']) expect(opened[family], family).not.toBe('ok');
    }, 60_000);

    it('has teeth: a start-one-request-stop profile misses syscalls that same check needs', async () => {
      const { outside } = await syscallsOutside(naive, async (live) => void (await operate(naive, live)));
      expect(outside.length).toBeGreaterThan(0);
    }, 180_000);
  });
}
