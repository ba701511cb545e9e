import type { TopLevelSpec } from 'vega-lite';
import type { ReportModel } from './model.js';

/** The page's font stack; charts use it too so labels match the text around them. */
export const FONT_STACK = 'Inter, "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif';

// Start-up and shutdown are context, not workload: neutral greys; families get Tableau hues.
const STARTUP_COLOR = '#9aa3b2';
const SHUTDOWN_COLOR = '#3b4252';
const FAMILY_COLORS = ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#b279a2', '#eeca3b', '#9d755d', '#ff9da6'];

const PANEL = { width: 400, height: 220 } as const;

const CONFIG = {
  font: FONT_STACK,
  background: 'white',
  view: { stroke: null },
  axis: {
    labelColor: '#4b5563',
    titleColor: '#1f2937',
    titleFontWeight: 600,
    titleFontSize: 11,
    labelFontSize: 10,
    gridColor: '#eceff3',
    domainColor: '#9ca3af',
    tickColor: '#9ca3af',
  },
  legend: { labelColor: '#1f2937', titleColor: '#1f2937', labelFontSize: 11, titleFontSize: 11, labelLimit: 260 },
  title: { fontSize: 12, fontWeight: 600, color: '#111827', anchor: 'start' },
} as const;

/** Colors in series order, so a family keeps its color in both panels. */
export function seriesColors(series: readonly string[]): string[] {
  let next = 0;
  return series.map((s) => (s === 'start-up' ? STARTUP_COLOR : s === 'shutdown' ? SHUTDOWN_COLOR : FAMILY_COLORS[next++ % FAMILY_COLORS.length]!));
}

function discoveryPanel(x: 'seconds' | 'units', title: string, axisTitle: string, series: readonly string[]): object {
  const xEnc = { field: x, type: 'quantitative', title: axisTitle, scale: { zero: true, nice: true } };
  const y = { field: 'syscalls', type: 'quantitative', title: 'syscalls found (cumulative)', scale: { zero: true } };
  // Legend is HTML under the figure (with counts); the scale is fixed so both panels and it agree.
  const color = { field: 'series', type: 'nominal', scale: { domain: [...series], range: seriesColors(series) }, legend: null };
  return {
    ...PANEL,
    title,
    layer: [
      // The grey step line is the total; the colored marks say which series found each step.
      { mark: { type: 'line', interpolate: 'step-after', color: '#c3c9d3', strokeWidth: 1.5 }, encoding: { x: xEnc, y } },
      { mark: { type: 'line', strokeWidth: 2.5 }, encoding: { x: xEnc, y, color } },
      // Start-up finds dozens of syscalls within milliseconds: dots there would only pile up.
      {
        transform: [{ filter: "datum.series !== 'start-up'" }],
        mark: { type: 'point', filled: true, size: 55, opacity: 1, stroke: 'white', strokeWidth: 1 },
        encoding: { x: xEnc, y, color },
      },
    ],
  };
}

/** Syscalls found over time and over units, one line per series. Pure. */
export function discoverySpec(model: ReportModel): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CONFIG,
    data: { values: model.discovery.map((d) => ({ ...d })) },
    hconcat: [
      discoveryPanel('seconds', 'Over time', 'seconds since the container started', model.series),
      discoveryPanel('units', 'Over workload units', 'units run', model.series),
    ],
  } as unknown as TopLevelSpec;
}

/** Chao2 and the Good-Turing discovery probability at every stop-rule evaluation. Pure. */
export function estimateSpec(model: ReportModel): TopLevelSpec {
  const x = { field: 'seconds', type: 'quantitative', title: 'seconds since mining started', scale: { zero: true } };
  const threshold = model.summary.stop.threshold;
  const positive = model.estimates.every((e) => e.chao2 > 0);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CONFIG,
    hconcat: [
      {
        ...PANEL,
        title: 'Chao2: estimated syscalls the workload can reach',
        data: { values: model.estimates.map((e) => ({ ...e })) },
        // Early Chao2 values can be ten times the final one; a log scale keeps the end readable.
        mark: { type: 'line', color: '#4c78a8', strokeWidth: 2, point: { size: 14, color: '#4c78a8' } },
        encoding: {
          x,
          y: { field: 'chao2', type: 'quantitative', title: 'Chao2 estimate', scale: { type: positive ? 'log' : 'symlog' } },
        },
      },
      {
        ...PANEL,
        title: 'P(next unit finds a new syscall), Good-Turing',
        layer: [
          {
            data: { values: model.estimates.map((e) => ({ ...e })) },
            mark: { type: 'line', color: '#e45756', strokeWidth: 2, point: { size: 14, color: '#e45756' } },
            encoding: {
              x,
              y: {
                field: 'discoveryProbability',
                type: 'quantitative',
                title: 'discovery probability',
                // symlog keeps zero on the axis; the small constant stretches the range around the threshold.
                scale: { type: 'symlog', constant: threshold / 10 },
                axis: {
                  values: probabilityTicks(
                    threshold,
                    model.estimates.map((e) => e.discoveryProbability),
                  ),
                  format: '~r',
                },
              },
            },
          },
          {
            data: { values: [{ threshold }] },
            mark: { type: 'rule', color: '#111827', strokeDash: [4, 3], strokeWidth: 1 },
            encoding: { y: { field: 'threshold', type: 'quantitative' } },
          },
          {
            data: { values: [{ threshold, label: `stop threshold ${threshold}` }] },
            mark: { type: 'text', align: 'right', dy: -6, fontSize: 10, color: '#111827', x: 'width' },
            encoding: { y: { field: 'threshold', type: 'quantitative' }, text: { field: 'label' } },
          },
        ],
      },
    ],
  } as unknown as TopLevelSpec;
}

/** Zero, the threshold and decades up to the largest value: symlog's own ticks skip the low end. */
export function probabilityTicks(threshold: number, values: readonly number[]): number[] {
  const max = Math.max(threshold, ...values);
  const ticks = [0, threshold];
  for (let k = Math.floor(Math.log10(threshold)) + 1; 10 ** k <= max * 1.0001; k++) ticks.push(Number(`1e${k}`));
  return ticks;
}
