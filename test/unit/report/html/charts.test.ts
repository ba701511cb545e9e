import { describe, expect, it } from 'vitest';
import { discoverySpec, estimateSpec, probabilityTicks, seriesColors } from '../../../../src/report/html/chart-specs.js';
import { renderReportCharts } from '../../../../src/report/html/charts.js';
import { buildReportModel } from '../../../../src/report/html/model.js';
import { loadRun } from './fixture.js';

describe('charts', () => {
  const run = loadRun();
  const model = buildReportModel(run.report, run.profile, undefined, run.corpus);

  it('keep start-up and shutdown grey and give families distinct colors', () => {
    const colors = seriesColors(model.series);
    expect(colors[0]).toBe('#9aa3b2');
    expect(new Set(colors).size).toBe(colors.length);
  });

  it('tick the discovery probability at zero, the threshold and decades', () => {
    expect(probabilityTicks(0.001, [0, 0.5, 11])).toEqual([0, 0.001, 0.01, 0.1, 1, 10]);
    expect(probabilityTicks(0.05, [0])).toEqual([0, 0.05]);
  });

  it('build two panels per chart from the model', () => {
    const d = discoverySpec(model) as { hconcat: unknown[]; data: { values: unknown[] } };
    expect(d.hconcat).toHaveLength(2);
    expect(d.data.values).toHaveLength(71);
    expect((estimateSpec(model) as { hconcat: unknown[] }).hconcat).toHaveLength(2);
  });

  it('render to SVG headless with vega', async () => {
    const charts = await renderReportCharts(model);
    for (const svg of [charts.discovery, charts.estimates]) {
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toMatch(/<path[^>]+d="M/);
    }
    expect(charts.discovery).toContain('seconds since the container started');
    expect(charts.estimates).toContain('stop threshold 0.001');
  });
});
