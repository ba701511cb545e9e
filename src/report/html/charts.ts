import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { discoverySpec, estimateSpec } from './chart-specs.js';
import type { ReportModel } from './model.js';

/** The page's charts as standalone SVG markup. */
export interface ReportCharts {
  readonly discovery: string;
  readonly estimates: string;
}

/** Renders the charts headless (vega's 'none' renderer: no DOM, no canvas, no network). */
export async function renderReportCharts(model: ReportModel): Promise<ReportCharts> {
  const [discovery, estimates] = await Promise.all([toSvg(discoverySpec(model)), toSvg(estimateSpec(model))]);
  return { discovery, estimates };
}

async function toSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
