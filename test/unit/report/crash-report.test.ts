import { describe, expect, it } from 'vitest';
import { buildCrashRecord, judgeHealth, type CrashRecord } from '../../../src/engine/crash.js';
import { estimateFromIncidence } from '../../../src/engine/estimators.js';
import type { MiningResult } from '../../../src/engine/mine.js';
import type { UnitRecord } from '../../../src/engine/session.js';
import { ContainerTrace } from '../../../src/engine/tracer/container-trace.js';
import { parseTracerLine } from '../../../src/engine/tracer/parse-line.js';
import { buildCrashFile, parseCrashFile, replayCommand, summariseCrashes } from '../../../src/report/crash-file.js';
import { buildRunReport, keptRecords, proofSteps } from '../../../src/report/run-report.js';
import { crashLines, formatSummary } from '../../../src/report/summary.js';
import { InputFileError } from '../../../src/shared/errors.js';

const NS = 1000n;
const NEW_NS = 1001n;
const unit = (index: number, epoch: number, extra: Partial<UnitRecord> = {}): UnitRecord =>
  ({
    kind: 'workload',
    index,
    epoch,
    role: 'sample',
    origin: 'generate',
    generator: 'http',
    unit: { i: index },
    answers: ['2xx'],
    family: `http:f${index}`,
    description: `GET /${index}`,
    startedMs: index,
    durationMs: 1,
    ...extra,
  }) as UnitRecord;

function crashOf(step: UnitRecord, restartEpoch: number): CrashRecord {
  const verdict = judgeHealth({ running: false, exitCode: 137, oomKilled: false });
  if (verdict.healthy) throw new Error('unreachable');
  return buildCrashRecord({ n: 1, step, verdict, logs: 'bye\n', atMs: 2_500, restartEpoch });
}

/** Unit 2 (epoch 2) killed the server; it was restarted in epoch 3 (a start-up), unit 3 ran in epoch 4. */
function crashedRun(): MiningResult {
  const trace = new ContainerTrace();
  trace.select(NS);
  trace.push(parseTracerLine(`S ${NS} 0 0 0 0 1 1`)); // read at start-up
  trace.push(parseTracerLine(`S ${NS} 0 0 1 1 2000000 1`)); // write in unit 1
  trace.push(parseTracerLine(`S ${NS} 0 0 15 2 3000000 1`)); // rt_sigreturn in the unit the server died in
  trace.select(NEW_NS);
  trace.push(parseTracerLine(`S ${NEW_NS} 0 0 87 3 4000000 1`)); // unlink in the restart's start-up
  const records = [unit(1, 1), unit(2, 2, { crashed: 1, answers: ['closed'] }), unit(3, 4)];
  return {
    startedAt: new Date('2026-01-01T00:00:00Z'),
    endedAt: new Date('2026-01-01T00:01:00Z'),
    stopReason: 'budget',
    guided: true,
    records,
    holdout: [],
    stopEpoch: 5,
    firstUses: trace.firstUses().map((u) => ({ ...u, ms: Number(u.tsNs) / 1e6 })),
    credits: new Map(),
    trace,
    estimates: estimateFromIncidence(new Map(), 3),
    estimateCurve: [],
    exit: { running: false, exitCode: 0, oomKilled: false },
    miningMs: 60_000,
    miningStartMs: 0,
    rule: { discoveryThreshold: 1e-3, maxUnseen: 0.5, minUnits: 100, maxTimeMs: 1 },
    crashes: [crashOf(records[1]!, 3)],
  };
}

const provenance = {
  target: 'nginx',
  image: 'sandfuzz/nginx:latest',
  imageId: 'sha256:ab',
  seed: 7,
  kernel: 'k',
  dockerVersion: 'd',
  sandfuzzVersion: 'v',
};
const rule = { discoveryThreshold: 1e-3, maxUnseen: 0.5, minUnits: 100, maxTimeMs: 1 };

describe('crashes in report.json', () => {
  const report = buildRunReport({ provenance, result: crashedRun(), enforcement: { skipped: true }, profilePath: 'p', allowed: 4, rule });

  it('lists each crash with its file, step, reason and exit', () => {
    expect(report.crashes).toEqual([
      {
        n: 1,
        file: 'crashes/1.json',
        step: 2,
        family: 'http:f2',
        description: 'GET /2',
        reason: 'exited on SIGKILL (exit code 137)',
        exitCode: 137,
        signal: 'SIGKILL',
        atMs: 2_500,
      },
    ]);
  });

  it('keeps the syscalls of the unit the server died in, and credits the restart to start-up', () => {
    expect(report.syscalls.map((s) => [s.name, s.foundBy.phase, s.foundBy.phase === 'unit' ? s.foundBy.index : null])).toEqual([
      ['read', 'startup', null],
      ['write', 'unit', 1],
      ['rt_sigreturn', 'unit', 2],
      ['unlink', 'startup', null],
    ]);
  });

  it('never puts the crashed unit in the proof', () => {
    expect(keptRecords(crashedRun()).map((r) => r.index)).toEqual([1]);
    const r = crashedRun();
    const records = [...r.records, unit(4, 6, { family: 'workload:e2e', crashed: 2 }), unit(5, 7, { family: 'workload:e2e' })];
    expect(proofSteps({ ...r, records }).map((s) => s.index)).toEqual([1, 5]);
  });

  it('says so in the summary, with the path of each reproducer and how to replay one', () => {
    const text = formatSummary(report, { profile: '/out/seccomp.json', report: '/out/report.json' });
    expect(text).toContain('  crashes:     1, the server was restarted each time');
    expect(text).toContain('    /out/crashes/1.json: step 2 (GET /2) at 2.5s: exited on SIGKILL (exit code 137)');
    expect(text).toContain('    replay one with: sandfuzz replay /out/crashes/1.json');
  });

  it("says 'none' when the server survived everything", () => {
    expect(crashLines({ ...report, crashes: [] }, '/out')).toEqual(['  crashes:     none']);
  });
});

describe('crash files', () => {
  const context = {
    target: 'nginx',
    targetRef: 'nginx',
    image: 'sandfuzz/nginx:latest',
    imageId: 'sha256:ab',
    sandfuzzVersion: 'v',
    generator: 'http',
    seed: 7,
  };
  const crash = crashOf(unit(2, 2, { crashed: 1 }), 3);

  it("holds the step in corpus.json's shape, the exit, the last log lines and the replay command", () => {
    const file = buildCrashFile(crash, context, '/out/crashes/1.json');
    expect(file).toMatchObject({
      kind: 'sandfuzz-crash',
      crash: 1,
      generator: 'http',
      seed: 7,
      units: [crash.step],
      step: 'unit 2 (GET /2)',
      exit: { exitCode: 137, signal: 'SIGKILL' },
      logTail: ['bye'],
      replay: 'sandfuzz replay /out/crashes/1.json',
    });
    expect(parseCrashFile(JSON.stringify(file), 'f')).toEqual(file);
  });

  it('asks for the target file when the run came from --image flags', () => {
    expect(replayCommand('/out/crashes/1.json', undefined)).toBe('sandfuzz replay /out/crashes/1.json --target TARGET_FILE');
  });

  it.each([
    ['not JSON', '{', /is not JSON/],
    ['another file', '{"generator":"http","seed":1,"units":[]}', /is not a sandfuzz crash file/],
    [
      'a unit of another generator',
      JSON.stringify({ ...buildCrashFile(crash, context, 'p'), generator: 'resp' }),
      /for generator http, the file names resp/,
    ],
  ])('refuses %s with one line (InputFileError)', (_name, text, message) => {
    expect(() => parseCrashFile(text, 'f')).toThrow(InputFileError);
    expect(() => parseCrashFile(text, 'f')).toThrow(message);
  });

  it('summarises without the signal when there was none', () => {
    const plain = { ...crash, exit: { running: false, exitCode: 1, oomKilled: false }, reason: 'exited with code 1' };
    expect(summariseCrashes([plain])[0]).not.toHaveProperty('signal');
  });
});
