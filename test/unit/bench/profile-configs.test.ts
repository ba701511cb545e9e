import { describe, expect, it } from 'vitest';
import type { ConfigSummary } from '../../../src/bench/profile-bench.js';
import { FakeClock } from '../../fakes/fake-clock.js';
import { FakeTracers } from '../../fakes/fake-tracer.js';
import { benchSlots, profileConfigNames, profileFigures, tracerRatio, windowNames } from '../../../src/bench/profile-configs.js';
import { UsageError } from '../../../src/shared/errors.js';

const summary = (name: string, throughput: number[], ratio = 1): ConfigSummary => ({
  name,
  runs: throughput.map((t) => ({ throughput: t, latencyP50Ms: 1, latencyP99Ms: 2, errors: 0 })),
  medianThroughput: [...throughput].sort((a, b) => a - b)[Math.floor(throughput.length / 2)]!,
  medianP50Ms: 1,
  medianP99Ms: 2,
  ratio,
  ratioCi95: [ratio - 0.01, ratio + 0.01],
});

describe('profile config names', () => {
  it('keeps the name `profile` for a single profile, as before', () => {
    expect(profileConfigNames(['/r/nginx/seccomp.json'])).toEqual(['profile']);
  });

  it('names several by file name, without .json, in the order given', () => {
    expect(profileConfigNames(['/p/name-only.json', '/p/args.json'])).toEqual(['profile:name-only', 'profile:args']);
  });

  it('tells same-named files apart by as many parent folders as it takes, and only those', () => {
    expect(profileConfigNames(['/r/a/nginx/seccomp.json', '/r/b/nginx/seccomp.json', '/p/args.json'])).toEqual([
      'profile:a/nginx/seccomp',
      'profile:b/nginx/seccomp',
      'profile:args',
    ]);
  });

  it('keeps .json where dropping it would make two names equal (x.json next to x)', () => {
    expect(profileConfigNames(['/p/x.json', '/p/x'])).toEqual(['profile:x.json', 'profile:x']);
  });

  it('refuses the same file twice, however it is spelt, and no profile at all', () => {
    expect(() => profileConfigNames(['/p/a.json', '/p/../p/a.json'])).toThrow(
      new UsageError('--profile /p/../p/a.json is given twice (as /p/a.json): measure each file once'),
    );
    expect(() => profileConfigNames(['/p/a.json', '/p/a.json'])).toThrow(
      new UsageError('--profile /p/a.json is given twice: measure each file once'),
    );
    expect(() => profileConfigNames([])).toThrow(UsageError);
  });

  it('never clashes with the fixed configurations', () => {
    const fixed = windowNames(benchSlots([], { tracerCost: true }));
    for (const name of profileConfigNames(['/unconfined', '/docker-default.json'])) expect(fixed).not.toContain(name);
  });
});

describe('bench configurations', () => {
  const profiles = [
    { path: '/p/a.json', name: 'profile:a', json: '{"defaultAction":"SCMP_ACT_ALLOW"}' },
    { path: '/p/b.json', name: 'profile:b', json: '{"defaultAction":"SCMP_ACT_LOG"}' },
  ];

  it('measures every profile between the references and the mining pair', () => {
    const slots = benchSlots(profiles, { tracerCost: true });
    expect(windowNames(slots)).toEqual(['unconfined', 'docker-default', 'profile:a', 'profile:b', 'mining-untraced', 'mining-traced']);
    expect(slots[3]!.seccompProfile).toBe(profiles[1]!.json);
    // The tracer's pair shares one container: the cost is measured on the same server.
    expect(slots.at(-1)!.windows.map((w) => [w.name, w.traced ?? false])).toEqual([
      ['mining-untraced', false],
      ['mining-traced', true],
    ]);
  });

  it('drops the mining pair without tracer cost, and the tracer ratio with it', () => {
    expect(windowNames(benchSlots(profiles, { tracerCost: false }))).toEqual(['unconfined', 'docker-default', 'profile:a', 'profile:b']);
    expect(tracerRatio([summary('unconfined', [100])])).toBeNull();
    expect(tracerRatio([summary('mining-untraced', [100]), summary('mining-traced', [85])])?.ratio).toBeCloseTo(0.85);
  });

  it('takes the tracer ratio round by round: a slow container slows both of its windows alike', () => {
    // Round 2's container is 30% slower; ratio of medians would read 0.93, each round says 0.98.
    const figure = tracerRatio([summary('mining-untraced', [100, 70, 100]), summary('mining-traced', [98, 68.6, 98])])!;
    expect(figure.ratio).toBeCloseTo(0.98);
    expect(figure.ci95[0]).toBeCloseTo(0.98);
    expect(figure.ci95[1]).toBeCloseTo(0.98);
    expect(() => tracerRatio([summary('mining-untraced', [100, 90]), summary('mining-traced', [98])])).toThrow(/paired/);
  });
});

describe('tracers side by side', () => {
  it('adds one traced window per compared tracer, started by that tracer, and its ratio', () => {
    const other = { name: 'bpftrace', create: () => new FakeTracers(new FakeClock()).create() };
    const slots = benchSlots([], { tracerCost: true, compareTracers: [other] });
    expect(windowNames(slots)).toEqual(['unconfined', 'docker-default', 'mining-untraced', 'mining-traced', 'mining-traced:bpftrace']);
    const windows = slots.at(-1)!.windows;
    expect(windows.at(-1)!.createTracer).toBe(other.create);
    expect(windows.find((w) => w.name === 'mining-traced')!.createTracer).toBeUndefined();
    const summaries = [summary('mining-untraced', [100]), summary('mining-traced', [97]), summary('mining-traced:bpftrace', [85])];
    expect(tracerRatio(summaries)?.ratio).toBeCloseTo(0.97);
    expect(tracerRatio(summaries, 'mining-traced:bpftrace')?.ratio).toBeCloseTo(0.85);
  });
});

describe('profile figures', () => {
  it('gives each profile its ratio to unconfined, and the later ones their ratio to the first', () => {
    const profiles = [
      { path: '/p/a.json', name: 'profile:a', json: '' },
      { path: '/p/b.json', name: 'profile:b', json: '' },
    ];
    const figures = profileFigures(profiles, [
      summary('unconfined', [100, 100, 100]),
      summary('profile:a', [98, 99, 100], 0.99),
      summary('profile:b', [88, 89, 90], 0.89),
    ]);
    expect(figures.map((f) => [f.path, f.name, f.ratio, f.medianThroughput])).toEqual([
      ['/p/a.json', 'profile:a', 0.99, 99],
      ['/p/b.json', 'profile:b', 0.89, 89],
    ]);
    expect(figures[0]!.vsFirst).toBeUndefined();
    expect(figures[1]!.vsFirst!.ratio).toBeCloseTo(89 / 99);
    const [lo, hi] = figures[1]!.vsFirst!.ratioCi95;
    expect(lo).toBeLessThanOrEqual(89 / 99);
    expect(hi).toBeGreaterThanOrEqual(89 / 99);
  });
});
