import type { RunReport } from './run-report.js';

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/**
 * A one-line sparkline of syscalls found over units, e.g. `63 ▁▃▅▆▆▆▆▇▇▇▇█ 71 syscalls over 104 units`.
 * Column c shows how many syscalls were known after unit round(c·max/(width-1)); column 0 is
 * start-up. Heights run from the start-up count to the total, because start-up usually finds
 * most syscalls and a zero-based scale would flatten what the workloads added. Pure.
 */
export function formatTerminalCurve(report: RunReport, width = 40): string {
  const points = report.curve;
  if (points.length === 0) return 'no syscalls seen';
  const columns = Math.max(2, Math.floor(width));
  const maxUnits = Math.max(report.unitsRun, ...points.map((p) => p.units));
  const known = (units: number): number => points.filter((p) => p.units <= units).length;
  const values = Array.from({ length: columns }, (_, c) => known(Math.round((c * maxUnits) / (columns - 1))));
  const low = values[0]!;
  const high = points.length;
  // ▁ = start-up only, █ = everything (reached only once the last syscall is in), any find lifts a column.
  const level = (v: number): number => (v >= high ? 7 : v <= low ? 0 : 1 + Math.floor(((v - low) / (high - low)) * 6));
  const spark = values.map((v) => BLOCKS[level(v)]).join('');
  const unitWord = maxUnits === 1 ? 'unit' : 'units';
  return `${low} ${spark} ${high} syscalls over ${maxUnits} ${unitWord}`;
}
