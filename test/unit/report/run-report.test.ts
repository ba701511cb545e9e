import { describe, expect, it } from 'vitest';
import { estimateFromIncidence } from '../../../src/engine/estimators.js';
import type { MiningResult } from '../../../src/engine/mine.js';
import type { UnitRecord } from '../../../src/engine/session.js';
import { ContainerTrace } from '../../../src/engine/tracer/container-trace.js';
import { parseTracerLine } from '../../../src/engine/tracer/parse-line.js';
import { buildRunReport, failingWorkloads, keptRecords, proofSteps } from '../../../src/report/run-report.js';
import { allowedBreakdown, formatSummary } from '../../../src/report/summary.js';

const NS = 1000n;
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
    description: `unit ${index}`,
    startedMs: index,
    durationMs: 1,
    ...extra,
  }) as UnitRecord;

function result(): MiningResult {
  const trace = new ContainerTrace();
  trace.select(NS);
  // epoch 0 start-up: read(0); epoch 1: write(1); epoch 3 (confirmation of unit 1): write again; epoch 2: wait4(61, not confirmed); stop epoch 5: unlink(87)
  for (const [nr, epoch, ts] of [
    [0, 0, 1n],
    [1, 1, 2_000_000n],
    [1, 3, 3_000_000n],
    [61, 2, 4_000_000n],
    [87, 5, 9_000_000n],
    [999, 1, 2_500_000n],
  ] as const) {
    trace.push(parseTracerLine(`S ${NS} 0 0 ${nr} ${epoch} ${ts} 1`));
  }
  const records = [unit(1, 1), unit(2, 2), unit(3, 3, { role: 'confirm', replayOf: 1 }), unit(4, 4)];
  return {
    startedAt: new Date('2026-01-01T00:00:00Z'),
    endedAt: new Date('2026-01-01T00:01:00Z'),
    stopReason: 'saturated',
    guided: true,
    records,
    holdout: [],
    stopEpoch: 5,
    firstUses: trace.firstUses().map((u) => ({ ...u, ms: Number(u.tsNs) / 1e6 })),
    credits: new Map([
      ['x86_64:1', { epoch: 1, confirmed: true }],
      ['x86_64:61', { epoch: 2, confirmed: false }],
    ]),
    trace,
    estimates: estimateFromIncidence(new Map([['x86_64:1', 2]]), 3),
    estimateCurve: [],
    exit: { running: false, exitCode: 0, oomKilled: false },
    miningMs: 60_000,
    miningStartMs: 0,
    rule: { discoveryThreshold: 1e-3, maxUnseen: 0.5, minUnits: 100, maxTimeMs: 1 },
    crashes: [],
  };
}

const provenance = {
  target: 'nginx',
  image: 'sandfuzz/nginx:latest',
  imageId: 'sha256:ab',
  seed: 1,
  kernel: 'k',
  dockerVersion: 'd',
  sandfuzzVersion: 'v',
};
const rule = { discoveryThreshold: 1e-3, maxUnseen: 0.5, minUnits: 100, maxTimeMs: 1 };

describe('buildRunReport', () => {
  const report = buildRunReport({ provenance, result: result(), enforcement: { skipped: true }, profilePath: 'p', allowed: 4, rule });

  it('credits each syscall to start-up, the unit that found it, or shutdown', () => {
    expect(report.syscalls.map((s) => [s.name, s.foundBy.phase, s.foundBy.phase === 'unit' ? [s.foundBy.index, s.foundBy.confirmed] : null])).toEqual(
      [
        ['read', 'startup', null],
        ['write', 'unit', [1, true]],
        ['wait4', 'unit', [2, false]],
        ['unlink', 'shutdown', null],
      ],
    );
    expect(report.unnamed).toEqual([{ abi: 'x86_64', nr: 999 }]);
  });

  it('draws the discovery curve and the stop estimates', () => {
    expect(report.curve.map((p) => p.syscalls)).toEqual([1, 2, 3, 4]);
    expect(report.stop).toMatchObject({ reason: 'saturated', saturated: true, threshold: 1e-3, units: 3 });
    expect(typeof report.stop.discoveryProbability).toBe('number');
    expect(typeof report.stop.chao2).toBe('number');
    expect(report.unitsRun).toBe(3); // the confirmation replay is not a sampling unit
  });

  it('keeps the units that found something, confirmations standing for their original', () => {
    expect(keptRecords(result()).map((r) => r.index)).toEqual([1, 2]);
  });

  it("proves the profile on the kept units and on one run of each of the team's own commands", () => {
    const r = result();
    const records = [
      ...r.records,
      unit(5, 6, { family: 'workload:e2e' }),
      unit(6, 7, { family: 'workload:e2e' }),
      unit(7, 8, { family: 'workload:smoke', role: 'confirm' }),
    ];
    expect(proofSteps({ ...r, records }).map((s) => s.index)).toEqual([1, 2, 5]);
  });

  it("names the team's commands that failed while mining unconfined", () => {
    const records = [
      unit(1, 1, { family: 'workload:e2e', answers: ['exit 0 e2e'] } as Partial<UnitRecord>),
      unit(2, 2, { family: 'workload:smoke', answers: ['exit 2 smoke'] } as Partial<UnitRecord>),
      unit(3, 3, { family: 'workload:smoke', answers: ['timeout smoke'] } as Partial<UnitRecord>),
      unit(4, 4),
    ];
    expect(failingWorkloads(records)).toEqual([{ name: 'smoke', answer: 'exit 2 smoke' }]);
  });

  it('summarises saturation and budget differently', () => {
    expect(formatSummary(report, { profile: 'p', report: 'r' })).toMatch(/saturated/);
    const budget = { ...report, stop: { ...report.stop, saturated: false, reason: 'budget' } };
    expect(formatSummary(budget, { profile: 'p', report: 'r' })).toMatch(/ran out of budget/);
  });

  it('accounts for every allowed syscall: phases, unseen runtime base, held-out additions', () => {
    // read and futex are both in the base set; read was seen, gettid came from a held-out unit.
    const profile = { ...report.profile, runtimeBase: ['futex', 'gettid', 'read'], addedFromHoldout: ['x86_64:gettid'] };
    expect(allowedBreakdown({ ...report, profile })).toBe(
      '1 at start-up, 2 by workload units, 1 at shutdown, 1 runtime base, 1 needed by held-out units',
    );
    const plain = { ...report.profile, runtimeBase: ['read'], addedFromHoldout: [] };
    expect(allowedBreakdown({ ...report, profile: plain })).toBe('1 at start-up, 2 by workload units, 1 at shutdown');
    expect(formatSummary(report, { profile: 'p', report: 'r' })).toContain(`(${allowedBreakdown(report)})`);
  });

  it('names the exploration mode by the flag that chose it: unguided is the default', () => {
    const line = (guidance: 'guided' | 'unguided'): string =>
      formatSummary({ ...report, guidance }, { profile: 'p', report: 'r' })
        .split('\n')
        .find((l) => l.includes('exploration:'))!;
    expect(line('unguided')).toMatch(/, unguided; /);
    expect(line('guided')).toMatch(/, guided \(--guidance\); /);
  });
});
