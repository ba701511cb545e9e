import type { TargetDefinition } from '../../targets/types.js';
import type { ResolvedRunOptions } from '../config/run-options.js';
import { SharedTracer } from '../engine/tracer/shared-tracer.js';
import { prepareOutputDir } from '../io/output-dir.js';
import { describeError, isSandfuzzError } from '../shared/errors.js';
import { runCommand, type RunDeps, type RunOutcome } from './run.js';

/** One target of a multi-target run: its outcome, or why it failed. */
export type TargetRun =
  | { readonly name: string; readonly ok: true; readonly outcome: RunOutcome }
  | { readonly name: string; readonly ok: false; readonly error: unknown; readonly exitCode: number };

/**
 * Mines several targets, `jobs` at a time, each into its own folder. A failure of one is kept
 * in its row and never stops the others; an interrupt stops them all.
 *
 * `deps.createTracer` makes the one tracer of the invocation: every target, and each one's
 * reference replay, traces through a view of it (SharedTracer). A tracer per container would
 * run one more program on every syscall of the host, slowing all targets mined beside it.
 */
export async function runMany(
  items: ReadonlyArray<{ readonly definition: TargetDefinition; readonly options: ResolvedRunOptions }>,
  jobs: number,
  deps: RunDeps,
): Promise<TargetRun[]> {
  // Every folder before any target's image is built: an unwritable --out ends the invocation at once.
  for (const { options } of items) await prepareOutputDir(deps.fs, options.outDir, []);
  const shared = new SharedTracer(deps.createTracer());
  const stopTracer = deps.cleanup.defer('stop tracer', () => shared.close());
  try {
    return await runAll(items, jobs, { ...deps, createTracer: () => shared.view() });
  } finally {
    await stopTracer();
  }
}

async function runAll(
  items: ReadonlyArray<{ readonly definition: TargetDefinition; readonly options: ResolvedRunOptions }>,
  jobs: number,
  deps: RunDeps,
): Promise<TargetRun[]> {
  const results: TargetRun[] = new Array(items.length);
  const order = startOrder(items, jobs);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let at = next++; at < order.length; at = next++) {
      const i = order[at]!;
      const { definition, options } = items[i]!;
      if (deps.signal.aborted) {
        results[i] = { name: definition.name, ok: false, error: new Error('not started: interrupted'), exitCode: 130 };
        continue;
      }
      // Lines of several targets interleave: each names its target. A lone target needs no name.
      const log = items.length > 1 ? (line: string): void => deps.log(`${definition.name}: ${line}`) : deps.log;
      try {
        // Progress lines of parallel runs would overwrite each other: only a lone run draws them.
        const { onProgress, ...rest } = deps;
        const outcome = await runCommand(definition, options, { ...rest, log, ...(jobs === 1 && onProgress ? { onProgress } : {}) });
        results[i] = { name: definition.name, ok: true, outcome };
      } catch (error) {
        const exitCode = isSandfuzzError(error) ? error.exitCode : 2;
        // A lone target's error is the command's error: the top-level handler prints it once.
        if (items.length > 1) log(`failed: ${describeError(error)}`);
        results[i] = { name: definition.name, ok: false, error, exitCode };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
  return results;
}

/**
 * The order targets start in: as given with one job; with several, the longest mining budget
 * first (stable among equals). The wall time of a parallel run is that of its busiest worker, and
 * a long target listed last would run alone at the end (nginx, postgres, redis on two jobs: redis
 * would start only once nginx is done). The budget is the only duration known before a run.
 */
export function startOrder(items: ReadonlyArray<{ readonly options: Pick<ResolvedRunOptions, 'maxTimeMs'> }>, jobs: number): number[] {
  const indices = items.map((_, i) => i);
  if (jobs <= 1) return indices;
  return indices.sort((a, b) => items[b]!.options.maxTimeMs - items[a]!.options.maxTimeMs || a - b);
}

/** The table printed at the end of a multi-target run: one row per target. */
export function formatRunTable(results: readonly TargetRun[]): string {
  const rows = results.map((r) => {
    if (!r.ok) return [r.name, 'FAILED', '', '', '', describeError(r.error)];
    const rep = r.outcome.report;
    const proof = 'skipped' in rep.enforcement ? 'skipped' : rep.enforcement.ok ? 'passed' : 'FAILED';
    return [r.name, String(rep.profile.allowed), rep.stopReason, `${(rep.miningMs / 1000).toFixed(1)}s`, proof, r.outcome.profilePath];
  });
  const header = ['target', 'allowed', 'stop', 'mining', 'proof', 'profile / error'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: readonly string[]): string => cells.map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ');
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}
