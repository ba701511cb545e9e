import type { BenchResult } from '../commands/bench.js';

const ratio = (r: number): string => r.toFixed(3);
const interval = ([lo, hi]: readonly [number, number]): string => `[${ratio(lo)}, ${ratio(hi)}]`;

/** The terminal rendering of a bench result: one line per configuration, then the ratios. */
/** "; bpftrace 0.712" for each tracer measured beside the run's own. */
function comparedTracers(result: BenchResult): string {
  return Object.entries(result.tracerRatios ?? {})
    .map(([name, r]) => (r === null ? '' : `; ${name} ${ratio(r)}`))
    .join('');
}

export function benchText(result: BenchResult): string {
  const { rounds, measureSec } = result.options;
  const width = Math.max(16, ...result.configs.map((c) => c.name.length));
  const lines = [
    `${result.target}, ${rounds} rounds of ${measureSec}s per configuration (fresh containers each round, warm-up discarded, loaded in one-second pieces back and forth; ratios are medians of per-round ratios):`,
  ];
  for (const c of result.configs) {
    lines.push(
      `  ${c.name.padEnd(width)} ${c.medianThroughput.toFixed(0).padStart(8)}/s  p50 ${c.medianP50Ms.toFixed(2)} ms  p99 ${c.medianP99Ms.toFixed(2)} ms  ratio ${ratio(c.ratio)} ${interval(c.ratioCi95)}`,
    );
  }
  const [first, ...rest] = result.profiles;
  if (first) {
    lines.push(
      rest.length === 0
        ? `  profileRatio ${ratio(result.profileRatio)}`
        : `  profile ratios to unconfined: ${result.profiles.map((p) => `${p.name} ${ratio(p.ratio)}`).join(', ')} (profileRatio is the first)`,
    );
  }
  // Each later profile against the first directly: the figure issue 8 asks for (args vs name-only).
  for (const p of rest) {
    if (p.vsFirst) lines.push(`  ${p.name} / ${first!.name}: ${ratio(p.vsFirst.ratio)} ${interval(p.vsFirst.ratioCi95)}`);
  }
  lines.push(
    result.tracerRatio === null
      ? '  tracer cost not measured (--no-tracer-cost)'
      : `  tracer cost ${((1 - result.tracerRatio) * 100).toFixed(1)}% (${result.tracer ? `${result.tracer} ` : ''}traced/untraced ${ratio(result.tracerRatio)}` +
          `${result.tracerRatioCi95 ? ` ${interval(result.tracerRatioCi95)}` : ''}, on the same container${comparedTracers(result)})`,
  );
  return `${lines.join('\n')}\n`;
}
