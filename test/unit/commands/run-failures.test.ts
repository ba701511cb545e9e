import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LifecycleAction, TargetDefinition } from '../../../targets/types.js';
import { runCommand } from '../../../src/commands/run.js';
import { resolveRunOptions, type RunOptions } from '../../../src/config/run-options.js';
import type { Endpoint } from '../../../src/shared/endpoint.js';
import {
  DockerError,
  EnforcementError,
  InterruptedError,
  OutputError,
  PrerequisiteError,
  TargetUnhealthyError,
  TracerError,
} from '../../../src/shared/errors.js';
import { expectCleanedUp, expectOutcome, settle, type ErrorExpectation } from '../../fakes/failure-table.js';
import { errnoError } from '../../fakes/fake-fs.js';
import type { FakeContainer } from '../../fakes/fake-runtime.js';
import { fakeDefinition, FakeWorld } from '../../fakes/world.js';

const OUT = '/out/run';
const RESTART: LifecycleAction = { kind: 'restart', name: 'restart', settleMs: 100 };
/** Everything a proven run writes with --format oci --complain. */
const COMPLETE = [
  'corpus.json',
  'report.html',
  'report.json',
  'seccomp.complain.json',
  'seccomp.complain.oci.json',
  'seccomp.json',
  'seccomp.oci.json',
];
/** What a run that mined but did not prove leaves. */
const PARTIAL = ['corpus.json', 'report.json', 'seccomp.partial.json'];

const enforced = (c: FakeContainer): boolean => c.purpose === 'enforce';
const purposeOf = (w: FakeWorld, id: unknown): string | undefined => w.runtime.containers.find((c) => c.id === id)?.purpose;

// A build context for the image-build row: read for real (it is input, not output), never built.
const contextDir = mkdtempSync(join(tmpdir(), 'sf-run-failures-'));
writeFileSync(join(contextDir, 'Dockerfile'), 'FROM scratch\n');
afterAll(() => rmSync(contextDir, { recursive: true, force: true }));

interface Row extends ErrorExpectation {
  readonly name: string;
  readonly arrange: (w: FakeWorld) => void;
  readonly definition?: Partial<TargetDefinition>;
  readonly options?: Partial<RunOptions>;
  /** Files in the output folder afterwards; absent for 'either' rows. */
  readonly files?: readonly string[];
  /** report.json's partialReason must match. */
  readonly partialReason?: RegExp;
  /** Not a single engine call: the run failed before anything was built or started. */
  readonly untouched?: boolean;
}

const ROWS: Row[] = [
  { name: 'nothing fails', arrange: () => {}, files: COMPLETE },
  { name: 'the proof is turned off (--no-enforce)', arrange: () => {}, options: { enforce: false }, files: COMPLETE },
  { name: '--out under /proc', arrange: () => {}, options: { out: '/proc/x' }, error: OutputError, exitCode: 74, files: [], untouched: true },
  {
    name: 'output folder cannot be created',
    arrange: (w) => w.fs.script.fail('mkdir', errnoError('EACCES', 'mkdir', OUT)),
    error: OutputError,
    exitCode: 74,
    files: [],
    untouched: true,
  },
  {
    name: 'output folder is not writable',
    arrange: (w) => w.fs.failWrite('.sandfuzz-write-probe-' + process.pid, 'EROFS'),
    error: OutputError,
    exitCode: 74,
    files: [],
    untouched: true,
  },
  {
    name: 'a prerequisite is missing',
    // Not root has its own code (77, test/unit/cli/bad-input.test.ts); tracefs is a plain 69.
    arrange: (w) => Object.assign(w.probe, { exists: async (p: string) => !p.includes('tracing') }),
    error: PrerequisiteError,
    exitCode: 69,
    files: [],
  },
  {
    name: 'stale results of an earlier run, then the container does not start',
    arrange: (w) => {
      w.fs.files.set(`${OUT}/seccomp.json`, '{}');
      w.fs.files.set(`${OUT}/report.json`, '{}');
      w.runtime.script.fail('start', new DockerError('start container c1: OCI runtime create failed'));
    },
    error: DockerError,
    exitCode: 70,
    files: [],
  },
  { name: 'container not ready in time', arrange: (w) => (w.runtime.readyWhen = () => false), error: TargetUnhealthyError, exitCode: 73, files: [] },
  {
    name: 'container dies during a unit',
    arrange: (w) => w.generator.script.tap('execute', { nth: 5, before: (_u, e) => w.runtime.kill(w.runtime.at(e as Endpoint)!.id) }),
    // A finding: the step is kept as a reproducer, the container restarted, and the run completes.
    files: [...COMPLETE, 'crashes/1.json'].sort(),
  },
  {
    name: 'a restart under the profile is unhealthy',
    definition: { lifecycle: [RESTART] },
    arrange: (w) => (w.runtime.readyWhen = (c) => !enforced(c) || c.starts < 2),
    error: EnforcementError,
    exitCode: 3,
    files: PARTIAL,
    partialReason: /proof failed: enforced run: unit \d+/,
  },
  {
    name: 'the enforced stop ends with exit 137',
    arrange: (w) => (w.runtime.stopExitCode = (c) => (enforced(c) ? 137 : 0)),
    error: EnforcementError,
    exitCode: 3,
    files: PARTIAL,
    partialReason: /exit code 137/,
  },
  {
    name: 'tracer dies while mining',
    arrange: (w) => w.generator.script.tap('execute', { nth: 3, before: () => w.tracers.die('bpftrace exited (SIGKILL)') }),
    error: TracerError,
    exitCode: 72,
    files: [],
  },
  {
    name: 'tracer loses events while mining',
    arrange: (w) => w.generator.script.tap('execute', { nth: 3, before: () => w.tracers.die('bpftrace lost 9 events') }),
    error: TracerError,
    exitCode: 72,
    files: [],
  },
  {
    name: 'tracer dies during the proof',
    arrange: (w) =>
      w.runtime.script.tap('create', {
        match: (s) => (s as { labels: Record<string, string> }).labels.sandfuzz === 'reference',
        before: () => queueMicrotask(() => w.tracers.die('bpftrace exited (SIGKILL)')),
      }),
    error: TracerError,
    exitCode: 72,
    files: PARTIAL,
    partialReason: /proof did not finish: tracer died/,
  },
  {
    name: 'disk full writing seccomp.partial.json',
    arrange: (w) => w.fs.failWrite('/seccomp.partial.json'),
    error: OutputError,
    exitCode: 74,
    files: ['report.json'],
    partialReason: /could not be written: .*ENOSPC/,
  },
  {
    name: 'disk full writing report.html',
    arrange: (w) => w.fs.failWrite('/report.html'),
    error: OutputError,
    exitCode: 74,
    files: PARTIAL,
    partialReason: /report\.html.*ENOSPC/,
  },
  {
    name: 'disk full writing seccomp.json (the last file)',
    arrange: (w) => w.fs.failWrite('/seccomp.json'),
    error: OutputError,
    exitCode: 74,
    files: PARTIAL,
    partialReason: /seccomp\.json.*ENOSPC/,
  },
  {
    name: 'interrupt during the prerequisites',
    arrange: (w) => w.runtime.script.hang('probe', { before: w.interrupt }),
    error: InterruptedError,
    exitCode: 130,
    files: [],
  },
  {
    name: 'interrupt during the image build',
    definition: { build: { contextDir } },
    arrange: (w) => w.runtime.script.hang('buildImage', { before: w.interrupt }),
    error: InterruptedError,
    exitCode: 130,
    files: [],
  },
  {
    name: 'interrupt while mining',
    arrange: (w) => w.generator.script.hang('execute', { nth: 6, before: w.interrupt }),
    error: InterruptedError,
    exitCode: 130,
    files: [],
  },
  {
    name: 'interrupt during the graceful stop',
    arrange: (w) => w.runtime.script.hang('stop', { match: (id) => purposeOf(w, id) === 'mine', before: w.interrupt }),
    error: InterruptedError,
    exitCode: 130,
    files: [],
  },
  {
    name: 'interrupt during the proof',
    arrange: (w) => w.runtime.script.hang('start', { match: (id) => purposeOf(w, id) === 'enforce', before: w.interrupt }),
    error: InterruptedError,
    exitCode: 130,
    files: PARTIAL,
    partialReason: /proof did not finish: interrupted/,
  },
  {
    name: 'interrupt while writing the results',
    arrange: (w) => w.fs.script.tap('write', { match: (p) => String(p).endsWith('/report.html'), before: w.interrupt }),
    error: InterruptedError,
    exitCode: 130,
    files: PARTIAL,
    partialReason: /could not all be written: interrupted/,
  },
];

describe('runCommand: one row per failing call, without Docker or root', () => {
  for (const row of ROWS) {
    it(row.name, async () => {
      const w = new FakeWorld();
      row.arrange(w);
      const out = row.options?.out ?? OUT;
      const options = resolveRunOptions(
        { target: 'fake', out, seed: 1, maxTime: '20s', minUnits: 30, unitTimeout: '1s', format: 'oci', complain: true, ...row.options },
        { cwd: '/' },
      );
      const outcome = await settle(runCommand(fakeDefinition(row.definition), options, w.runDeps()));
      await expectCleanedUp(w);
      if (row.untouched) expect(w.runtime.script.calls.map((c) => c.name)).toEqual([]);
      expectOutcome(outcome, row);
      const files = w.fs.list(out);
      if (row.files) expect(files).toEqual(row.files);
      // Whatever happened: seccomp.json only beside a report that says it was proven (or the proof was turned off).
      if (files.includes('seccomp.json')) {
        const report = w.fs.json(`${out}/report.json`);
        expect(report.partial).toBe(false);
        expect(files).not.toContain('seccomp.partial.json');
        const enforcement = report.enforcement as { ok?: boolean; skipped?: boolean; reason?: string };
        if (options.enforce) expect(enforcement.ok).toBe(true);
        else expect(enforcement).toMatchObject({ skipped: true, reason: expect.stringContaining('--no-enforce') });
      }
      if (files.includes('report.json') && !files.includes('seccomp.json')) {
        const report = w.fs.json(`${out}/report.json`);
        expect(report.partial).toBe(true);
        expect((report.profile as { path: string }).path).toBe(`${out}/seccomp.partial.json`);
        if (row.partialReason) expect(report.partialReason).toMatch(row.partialReason);
      }
    });
  }
});
