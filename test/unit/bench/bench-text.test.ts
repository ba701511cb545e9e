import { describe, expect, it } from 'vitest';
import { benchText } from '../../../src/bench/bench-text.js';
import type { ConfigSummary } from '../../../src/bench/profile-bench.js';
import type { BenchResult } from '../../../src/commands/bench.js';

const config = (name: string, throughput: number, ratio: number): ConfigSummary => ({
  name,
  runs: [],
  medianThroughput: throughput,
  medianP50Ms: 1,
  medianP99Ms: 2,
  ratio,
  ratioCi95: [ratio - 0.02, ratio + 0.02],
});
const figures = (c: ConfigSummary, path: string) => ({
  path,
  name: c.name,
  ratio: c.ratio,
  ratioCi95: c.ratioCi95,
  medianThroughput: c.medianThroughput,
  medianP50Ms: 1,
  medianP99Ms: 2,
});

function result(profiles: ConfigSummary[], tracer: number | null): BenchResult {
  return {
    target: 'nginx',
    profile: '/p/a.json',
    options: { rounds: 3, measureSec: 3, warmupSec: 1, connections: 16 },
    profileRatio: profiles[0]!.ratio,
    profiles: profiles.map((p, i) => ({
      ...figures(p, `/p/${i}.json`),
      ...(i > 0 ? { vsFirst: { ratio: 0.95, ratioCi95: [0.9, 1] as const } } : {}),
    })),
    configs: [config('unconfined', 1000, 1), ...profiles],
    tracerRatio: tracer,
  };
}

describe('bench terminal output', () => {
  it('keeps the single-profile summary line', () => {
    const text = benchText(result([config('profile', 990, 0.99)], 0.875));
    expect(text).toContain('  profileRatio 0.990\n');
    expect(text).toContain('  tracer cost 12.5% (traced/untraced 0.875, on the same container)\n');
  });

  it('names the tracer measured, and each tracer compared beside it', () => {
    const text = benchText({
      ...result([config('profile', 990, 0.99)], 0.975),
      tracer: 'libbpf',
      tracerRatioCi95: [0.96, 0.99],
      tracerRatios: { bpftrace: 0.86 },
    });
    expect(text).toContain('  tracer cost 2.5% (libbpf traced/untraced 0.975 [0.960, 0.990], on the same container; bpftrace 0.860)\n');
  });

  it("shows every profile's ratio, the later ones against the first, in aligned rows", () => {
    const text = benchText(result([config('profile:a-rather-long-name', 990, 0.99), config('profile:b', 940, 0.94)], null));
    expect(text).toContain('profile ratios to unconfined: profile:a-rather-long-name 0.990, profile:b 0.940');
    expect(text).toContain('  profile:b / profile:a-rather-long-name: 0.950 [0.900, 1.000]\n');
    expect(text).toContain('tracer cost not measured (--no-tracer-cost)');
    const rows = text.split('\n').filter((l) => l.includes('/s  p50'));
    expect(new Set(rows.map((r) => r.indexOf('/s  p50'))).size).toBe(1);
  });
});
