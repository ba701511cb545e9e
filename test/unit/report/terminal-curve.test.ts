import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../../src/report/run-report.js';
import { formatTerminalCurve } from '../../../src/report/terminal-curve.js';

const report = JSON.parse(readFileSync(resolve(fileURLToPath(import.meta.url), '../../../fixtures/nginx-run/report.json'), 'utf8')) as RunReport;
const points = (units: number[], unitsRun = Math.max(...units)): RunReport => ({
  ...report,
  unitsRun,
  curve: units.map((u, i) => ({ ms: i, units: u, syscalls: i + 1 })),
});

describe('formatTerminalCurve', () => {
  it('draws the fixture run from the start-up count to the total', () => {
    const line = formatTerminalCurve(report);
    expect(line).toMatch(/^63 [▁▂▃▄▅▆▇█]{40} 71 syscalls over 104 units$/u);
    const spark = [...line.split(' ')[1]!];
    expect(spark[0]).toBe('▁');
    expect(spark.at(-1)).toBe('█');
    // Cumulative: never goes down.
    const level = spark.map((c) => '▁▂▃▄▅▆▇█'.indexOf(c));
    expect(level.every((l, i) => i === 0 || l >= level[i - 1]!)).toBe(true);
  });

  it('honours the width and shows any late find above the floor', () => {
    const line = formatTerminalCurve(points([0, 0, 0, 10]), 10);
    expect(line).toBe('3 ▁▁▁▁▁▁▁▁▁█ 4 syscalls over 10 units');
    expect(formatTerminalCurve(points([0, 5, 10]), 3)).toBe('1 ▁▅█ 3 syscalls over 10 units');
  });

  it('handles runs with nothing after start-up, nothing at all, and tiny widths', () => {
    expect(formatTerminalCurve(points([0, 0], 5), 4)).toBe('2 ████ 2 syscalls over 5 units');
    expect(formatTerminalCurve({ ...report, curve: [] })).toBe('no syscalls seen');
    expect(formatTerminalCurve(points([0, 1]), 1)).toBe('1 ▁█ 2 syscalls over 1 unit');
  });
});
