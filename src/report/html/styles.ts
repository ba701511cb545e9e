import { FONT_STACK } from './chart-specs.js';

/** The page's whole stylesheet: inlined, so the report opens offline and prints as it shows. */
export const REPORT_CSS = `
:root {
  --ink: #111827; --muted: #6b7280; --line: #e5e7eb; --soft: #f8fafc; --accent: #1d4ed8;
  --red: #b91c1c; --red-bg: #fef2f2; --red-line: #fca5a5;
  --amber: #92400e; --amber-bg: #fffbeb; --amber-line: #fcd34d;
  --green: #047857; --green-bg: #ecfdf5; --green-line: #6ee7b7;
  --mono: "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #f3f4f6; color: var(--ink); font: 14px/1.5 ${FONT_STACK}; }
main { max-width: 1120px; margin: 24px auto; background: #fff; padding: 36px 44px 28px; border: 1px solid var(--line); border-radius: 6px; }
h1, h2, h3 { line-height: 1.25; margin: 0; }
h1 { font-size: 28px; font-weight: 700; letter-spacing: -0.01em; }
h1 .image { font-weight: 400; color: var(--muted); font-size: 18px; margin-left: 10px; }
h2 { font-size: 18px; margin: 36px 0 6px; padding-bottom: 6px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 14px; margin: 22px 0 8px; }
p { margin: 6px 0 10px; }
code, .mono { font-family: var(--mono); font-size: 0.92em; }
.eyebrow { text-transform: uppercase; letter-spacing: 0.08em; font-size: 11px; font-weight: 600; color: var(--accent); margin-bottom: 6px; }
.lede { color: var(--muted); margin: 4px 0 0; }
.meta { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 10px 24px; margin: 20px 0 0; padding: 14px 0 0; border-top: 1px solid var(--line); }
.meta div { min-width: 0; }
.meta dt { font-size: 11px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); }
.meta dd { margin: 2px 0 0; font-weight: 500; overflow-wrap: anywhere; }
.callout { border: 1px solid; border-left-width: 6px; border-radius: 4px; padding: 12px 16px; margin: 18px 0 0; }
.callout h3 { margin: 0 0 4px; font-size: 15px; }
.callout p, .callout ul { margin: 4px 0 0; }
.callout ul { padding-left: 20px; }
.callout.red { background: var(--red-bg); border-color: var(--red-line); border-left-color: var(--red); }
.callout.red h3 { color: var(--red); }
.callout.amber { background: var(--amber-bg); border-color: var(--amber-line); border-left-color: #d97706; }
.callout.amber h3 { color: var(--amber); }
.band { display: grid; grid-template-columns: repeat(5, minmax(0, 1fr)); gap: 12px; margin: 24px 0 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 12px 14px; background: var(--soft); }
.card .label { font-size: 11px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); font-weight: 600; }
.card .value { font-size: 26px; font-weight: 700; margin-top: 2px; font-variant-numeric: tabular-nums; }
.card .value small { font-size: 14px; font-weight: 500; color: var(--muted); }
.card .note { font-size: 12px; color: var(--muted); margin-top: 2px; }
.card.good { background: var(--green-bg); border-color: var(--green-line); }
.card.good .value { color: var(--green); }
.card.bad { background: var(--red-bg); border-color: var(--red-line); }
.card.bad .value { color: var(--red); }
.card.warn { background: var(--amber-bg); border-color: var(--amber-line); }
.card.warn .value { color: var(--amber); }
figure { margin: 12px 0 0; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { font-size: 12px; color: var(--muted); margin-top: 6px; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 10px 0 0; padding: 0; list-style: none; font-size: 12px; }
.legend li { display: inline-flex; align-items: center; gap: 6px; }
.swatch { width: 12px; height: 12px; border-radius: 2px; display: inline-block; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.stats { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 8px 24px; margin: 12px 0 0; }
.stats dt { font-size: 12px; color: var(--muted); }
.stats dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
table { width: 100%; border-collapse: collapse; margin: 8px 0 0; font-size: 13px; }
th { text-align: left; font-size: 11px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); font-weight: 600; border-bottom: 1px solid var(--ink); padding: 6px 8px; }
td { border-bottom: 1px solid var(--line); padding: 6px 8px; vertical-align: top; }
tbody tr:nth-child(even) td { background: #fafbfc; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.name { font-family: var(--mono); font-weight: 600; white-space: nowrap; }
td .sub { display: block; color: var(--muted); font-size: 12px; font-family: ${FONT_STACK}; font-weight: 400; overflow-wrap: anywhere; }
td.why { color: #374151; }
td.replay { min-width: 120px; }
td.replay.muted { white-space: nowrap; }
.badge { display: inline-block; font-size: 11px; font-weight: 600; padding: 1px 7px; border-radius: 10px; border: 1px solid transparent; white-space: nowrap; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.cat-file { background: #eff6ff; color: #1e40af; }
.cat-network { background: #f0fdfa; color: #0f766e; }
.cat-process { background: #f5f3ff; color: #5b21b6; }
.cat-memory { background: #fdf4ff; color: #86198f; }
.cat-time { background: #f0fdf4; color: #166534; }
.cat-ipc { background: #fff7ed; color: #9a3412; }
.cat-privileged { background: #fef2f2; color: #991b1b; border-color: #fecaca; }
.v-allowed { color: #374151; background: #f3f4f6; }
.v-conditional { color: var(--amber); background: var(--amber-bg); border-color: var(--amber-line); }
.v-blocked { color: #fff; background: var(--red); }
.v-removed { color: var(--green); background: var(--green-bg); border-color: var(--green-line); }
.basis-mined { color: var(--green); background: var(--green-bg); border-color: var(--green-line); }
.basis-docker { color: #1e40af; background: #eff6ff; border-color: #bfdbfe; }
.basis-name-only { color: var(--amber); background: var(--amber-bg); border-color: var(--amber-line); }
.badge.thin { color: var(--amber); background: var(--amber-bg); border-color: var(--amber-line); font-size: 10px; padding: 0 6px; }
.cv-keeps { color: #374151; background: #f3f4f6; }
.cv-tightens, .cv-not-allowed { color: var(--green); background: var(--green-bg); border-color: var(--green-line); }
.cv-lacks { color: #fff; background: var(--red); }
th.basis, td.basis { width: 210px; }
ul.values { margin: 0; padding: 0; list-style: none; }
ul.values li + li { margin-top: 4px; }
ul.values code { overflow-wrap: anywhere; }
.ok { color: var(--green); font-weight: 600; }
.no { color: var(--amber); font-weight: 600; }
.muted { color: var(--muted); }
.names { columns: 170px; column-gap: 16px; margin: 8px 0 0; padding: 0; list-style: none; font-family: var(--mono); font-size: 12px; }
.names li { break-inside: avoid; }
.names li.risk { color: var(--red); font-weight: 700; }
.chips { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; }
.chips .badge { font-size: 12px; padding: 2px 9px; }
footer { margin-top: 36px; padding-top: 12px; border-top: 1px solid var(--line); font-size: 12px; color: var(--muted); }
@media (max-width: 900px) {
  main { padding: 20px; margin: 0; border: 0; border-radius: 0; }
  .band { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .meta, .stats { grid-template-columns: repeat(2, minmax(0, 1fr)); }
}
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { background: #fff; font-size: 10pt; }
  main { max-width: none; margin: 0; padding: 0; border: 0; }
  h2 { break-after: avoid; margin-top: 22px; }
  h3 { break-after: avoid; }
  .band { grid-template-columns: repeat(5, minmax(0, 1fr)); gap: 8px; }
  .meta, .stats { grid-template-columns: repeat(4, minmax(0, 1fr)); }
  .card .value { font-size: 20px; }
  .callout, .card, figure, tr, .stats { break-inside: avoid; }
  thead { display: table-header-group; }
  table { font-size: 8.5pt; }
  th, td { padding: 4px 5px; }
  th { font-size: 7pt; }
  td .sub { font-size: 7.5pt; }
  .badge { font-size: 7.5pt; padding: 0 5px; }
  td.replay { min-width: 0; }
  tbody tr:nth-child(even) td { background: none; }
  .callout, .card, .badge { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`;
