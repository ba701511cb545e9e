import type { MedianInterval } from './guidance-compare.js';
import type { JobsBenchResult } from './jobs-bench.js';
import type { SaturationResult } from './saturation.js';
import type { SuiteResult, ThroughputRow } from './suite.js';

const s = (ms: number): string => `${(ms / 1000).toFixed(1)}s`;
const r3 = (x: number): string => x.toFixed(3);
const ci = ([lo, hi]: readonly [number, number], f: (x: number) => string): string => `[${f(lo)}, ${f(hi)}]`;

/** The terminal rendering of `npm run bench`: one block per section, every figure from this run. */
export function suiteText(result: SuiteResult): string {
  const blocks = [
    `sandfuzz bench, ${result.startedAt}, ${s(result.durationMs)} in all (${Object.entries(result.sectionMs)
      .map(([k, v]) => `${k} ${s(v)}`)
      .join(', ')})`,
    result.saturation ? saturationText(result.saturation) : '',
    result.throughput ? throughputText(result.throughput) : '',
    result.guidance ? guidanceText(result.guidance) : '',
    result.jobs ? jobsText(result.jobs) : '',
  ];
  return `${blocks.filter(Boolean).join('\n\n')}\n`;
}

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => (row[c] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].map((l) => `  ${l}`).join('\n');
}

function saturationText(sat: SaturationResult): string {
  const rows = sat.targets.map((t) => [
    t.target,
    `${t.saturated}/${t.total}`,
    `${t.withinLimit}/${t.total}`,
    t.medianMiningMs === null ? 'n/a' : s(t.medianMiningMs),
    t.miningCi95 === null ? '' : ci(t.miningCi95, s),
    t.medianTimeToFinalSetMs === null ? 'n/a' : s(t.medianTimeToFinalSetMs),
    t.runs.map((r) => (r.ok ? `${r.seed}:${s(r.miningMs)}${r.stopReason === 'saturated' ? '' : `(${r.stopReason})`}` : `${r.seed}:FAILED`)).join(' '),
  ]);
  const failures = sat.targets.flatMap((t) => t.runs.flatMap((r) => (r.ok ? [] : [`  ${t.target} seed ${r.seed}: ${r.error}`])));
  return [
    `time to saturation, seeds ${sat.seeds.join(',')} (mining only, proof off; bar: saturated within ${s(sat.limitMs)}):`,
    table(['target', 'saturated', `<=${s(sat.limitMs)}`, 'median mining', '95% interval', 'median final set at', 'per seed'], rows),
    ...failures,
  ].join('\n');
}

function throughputText(rows: readonly ThroughputRow[]): string {
  const first = rows[0]?.result.options;
  const body = rows.map(({ target, seed, result }) => {
    const docker = result.configs.find((c) => c.name === 'docker-default');
    const [p] = result.profiles;
    return [
      target,
      String(seed),
      p ? `${r3(p.ratio)} ${ci(p.ratioCi95, r3)}` : 'n/a',
      docker ? `${r3(docker.ratio)} ${ci(docker.ratioCi95, r3)}` : 'n/a',
      result.tracerRatio === null ? 'n/a' : r3(result.tracerRatio),
    ];
  });
  const extras = rows.flatMap(({ target, result }) =>
    result.profiles
      .slice(1)
      .map(
        (x) =>
          `  ${target} ${x.name}: ${r3(x.ratio)} ${ci(x.ratioCi95, r3)} to unconfined, ${x.vsFirst ? r3(x.vsFirst.ratio) : 'n/a'} to the mined profile`,
      ),
  );
  const how = first ? `median of ${first.rounds} interleaved rounds of ${first.measureSec}s each` : '';
  return [
    `throughput, ${how} (profileRatio: mined profile / unconfined; tracerRatio: mining traced / untraced; bars 0.97 and 0.95):`,
    table(['target', 'mined with seed', 'profileRatio (95%)', 'docker-default (95%)', 'tracerRatio'], body),
    ...extras,
  ].join('\n');
}

function guidanceText(g: NonNullable<SuiteResult['guidance']>): string {
  const mi = (i: MedianInterval, f: (x: number) => string): string => `${f(i.median)} [${f(i.low)}, ${f(i.high)}]`;
  const n = (x: number): string => String(x);
  const rows = g.targets.flatMap((t) => [
    [t.name, 'guided', mi(t.guided.timeToFinalSetMs, s), mi(t.guided.finalSet, n), t.verdict],
    ['', 'unguided', mi(t.unguided.timeToFinalSetMs, s), mi(t.unguided.finalSet, n), ''],
  ]);
  return [
    `guided vs unguided, seeds ${g.seeds.join(',')}, ${s(g.budgetMs)} budget each, stop rule off (medians, 95% intervals):`,
    table(['target', 'mode', 'final set at', 'final set', 'verdict'], rows),
    `  guided better on ${g.guidedWins} of ${g.targets.length} targets: ${g.guidedPays ? 'guidance pays' : 'guidance does not pay'}`,
  ].join('\n');
}

function jobsText(j: JobsBenchResult): string {
  const rows = j.rounds.map((r) => [
    String(r.seed),
    r.order.map((m) => (m === 'sequential' ? 'A' : 'B')).join(' '),
    s(r.sequentialMs),
    s(r.parallelMs),
    r3(r.ratio),
    r.profiles.map((p) => `${p.target} ${p.identical ? 'same' : 'DIFFERS'}`).join(', ') +
      (r.failures.length > 0 ? `; failed: ${r.failures.join(', ')}` : ''),
  ]);
  const diffs = j.rounds.flatMap((r) =>
    r.profiles
      .filter((p) => !p.identical)
      .map((p) => {
        const only = (label: string, list: typeof p.onlySequential): string =>
          list.length === 0 ? '' : ` only ${label}: ${list.map((d) => `${d.name} (${d.foundBy})`).join(', ')};`;
        const rules = p.changedRules.length === 0 ? '' : ` rules differ: ${p.changedRules.join(', ')};`;
        return `  seed ${r.seed} ${p.target}:${only('--jobs 1', p.onlySequential)}${only(`--jobs ${j.jobs}`, p.onlyParallel)}${rules} units ${p.sequential.units} vs ${p.parallel.units}`;
      }),
  );
  return [
    `--jobs ${j.jobs} against one after another (A: --jobs 1, B: --jobs ${j.jobs}; ${j.targets.join(', ')}; proof ${j.enforce ? 'on' : 'off'}):`,
    table(['seed', 'order', 'A wall', 'B wall', 'B/A', 'profiles A vs B'], rows),
    `  median wall A ${s(j.medianSequentialMs)}, B ${s(j.medianParallelMs)}; B/A ${r3(j.ratio)} ${ci(j.ratioCi95, r3)}; profiles identical ${j.identicalProfiles}/${j.comparedProfiles}`,
    ...diffs,
  ].join('\n');
}
