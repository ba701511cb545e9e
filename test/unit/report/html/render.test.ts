import { describe, expect, it } from 'vitest';
import { renderReportCharts } from '../../../../src/report/html/charts.js';
import { escapeHtml, formatDate, formatMs, formatNumber, html, raw } from '../../../../src/report/html/format.js';
import { buildReportModel } from '../../../../src/report/html/model.js';
import { renderReportHtml } from '../../../../src/report/html/render.js';
import { DOCKER_DEFAULT, loadRun, withAllowed } from './fixture.js';

const CHARTS = { discovery: '<svg id="d"></svg>', estimates: '<svg id="e"></svg>' };
const EVIL = '<script>alert("x")</script>&\'';

describe('escaping', () => {
  it('escapes the five HTML metacharacters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('escapes interpolations in html`` but keeps raw() and nested html``', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${'<x>'}${inner}${raw('<br>')}${null}${false}${[1, '<2>']}</p>`.value).toBe('<p>&lt;x&gt;<b>&lt;i&gt;</b><br>1&lt;2&gt;</p>');
  });
});

describe('formatting', () => {
  it('formats dates, durations and estimates', () => {
    expect(formatDate('2026-11-29T07:47:56.960Z')).toBe('2026-11-29 07:47:56 UTC');
    expect(formatDate('yesterday')).toBe('yesterday');
    expect([formatMs(171.1), formatMs(2712.2), formatMs(185_000)]).toEqual(['171 ms', '2.7 s', '3 min 5 s']);
    expect([formatNumber(0), formatNumber(0.0004), formatNumber(0.6667), formatNumber(13.75), formatNumber(65)]).toEqual([
      '0',
      '4.0e-4',
      '0.67',
      '13.8',
      '65',
    ]);
  });
});

describe('renderReportHtml', () => {
  const run = loadRun();
  const dockerDefault = { path: DOCKER_DEFAULT, profile: run.dockerDefault };

  it('renders a self-contained page: no scripts, no external resources, print CSS', () => {
    const page = renderReportHtml(buildReportModel(run.report, run.profile, dockerDefault, run.corpus), CHARTS);
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).not.toMatch(/<script|<link|@import|url\(|src=/i);
    expect(page).toContain("default-src 'none'");
    expect(page).toContain('@media print');
    expect(page).toContain('<svg id="d"></svg>');
    expect(page).toContain('id="docker-default"');
    expect(page).toContain('corpus.json unit 3, seed 1');
    expect(page).not.toContain('id="needs-blocked"');
  });

  it('escapes everything that comes from the files, charts included', async () => {
    const s = run.report.syscalls;
    const report = {
      ...run.report,
      target: EVIL,
      image: EVIL,
      kernel: EVIL,
      syscalls: s.map((x, i) => (i === 63 && x.foundBy.phase === 'unit' ? { ...x, foundBy: { ...x.foundBy, family: EVIL, description: EVIL } } : x)),
      families: { [EVIL]: 3 },
      enforcement: {
        ok: false,
        replayed: 1,
        wouldBlock: [{ syscall: EVIL, madeBy: EVIL }],
        mismatches: [],
        unhealthy: [],
        exitCode: 0,
        problems: [EVIL],
      },
    };
    const model = buildReportModel(report, run.profile, dockerDefault, { ...run.corpus, generator: EVIL });
    const page = renderReportHtml(model, await renderReportCharts(model));
    expect(page).not.toContain('<script');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
  });

  it('puts what Docker would block in a red callout above the summary', () => {
    const page = renderReportHtml(buildReportModel(run.report, withAllowed(run.profile, 'mount'), dockerDefault, run.corpus), CHARTS);
    const callout = page.indexOf('id="needs-blocked"');
    expect(callout).toBeGreaterThan(0);
    expect(callout).toBeLessThan(page.indexOf('class="band"'));
    expect(page).toContain('<li><code>mount</code>');
  });

  it("says so when Docker's default profile is missing", () => {
    const page = renderReportHtml(
      buildReportModel(run.report, run.profile, { path: '/nope/default.json', problem: 'not found; install X' }, run.corpus),
      CHARTS,
    );
    expect(page).toContain("No comparison with Docker's default profile");
    expect(page).toContain('/nope/default.json');
  });
});
