import { getTarget } from '../../../targets/index.js';
import { DEFAULT_MINING_BUDGET_SEC } from '../../../targets/resolve.js';
import type { TargetDefinition } from '../../../targets/types.js';
import { formatRunTable, runMany } from '../../commands/run-many.js';
import { definitionFromFlags, type ImageFlags } from '../../config/image-target.js';
import { resolveRunOptions, type RunOptions } from '../../config/run-options.js';
import { assertLocalEngine } from '../../env/engine-location.js';
import { SandfuzzError, UsageError } from '../../shared/errors.js';
import { createProgressReporter } from '../../report/progress.js';
import { formatSummary } from '../../report/summary.js';
import { abortSignal, cleanup } from '../handler.js';
import type { TracerName } from '../../engine/tracer/tracers.js';
import { realDeps, type Wire } from '../wiring.js';

type RunFlags = Omit<RunOptions, 'target'> & Partial<ImageFlags> & { target?: string[]; jobs?: string; tracer?: TracerName };

/** The error a multi-target run ends with: the first failure's exit code, every failure named. */
class TargetsFailedError extends SandfuzzError {
  readonly code = 'SF_TARGETS_FAILED';
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

const IMAGE_ONLY_FLAGS = ['protocol', 'port', 'ready', 'readyTimeout', 'env', 'openapi', 'workloadCmd', 'user', 'readOnly', 'tmpfs', 'name'] as const;

function definitions(flags: RunFlags): TargetDefinition[] {
  const defs = (flags.target ?? []).map((ref) => getTarget(ref));
  if (flags.image !== undefined) defs.push(definitionFromFlags(flags as ImageFlags));
  else {
    const stray = IMAGE_ONLY_FLAGS.find((k) => flags[k] !== undefined);
    if (stray)
      throw new UsageError(
        `--${stray.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} describes --image: give --image REF too, or put it in a target file`,
      );
  }
  if (defs.length === 0) throw new UsageError('give --target NAME|FILE (a built-in or a target file) or --image REF');
  const names = defs.map((d) => d.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new UsageError(`two targets are named '${twice}': give one a name (name: in its file, --name for --image)`);
  return defs;
}

export async function run(flags: RunFlags, wire: Wire = realDeps): Promise<void> {
  assertLocalEngine(process.env.DOCKER_HOST);
  const defs = definitions(flags);
  const jobs = Number(flags.jobs ?? 1);
  if (!Number.isSafeInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a positive integer (got '${flags.jobs}')`);
  const many = defs.length > 1;
  const items = defs.map((definition) => ({
    definition,
    options: resolveRunOptions(
      { ...flags, target: definition.name, ...(many && flags.out ? { out: `${flags.out}/${definition.name}` } : {}) },
      { defaultMaxTimeSec: definition.miningBudgetSec ?? DEFAULT_MINING_BUDGET_SEC },
    ),
  }));
  const { runtime, images, probe, fs, clock, createTracer, tracer: tracerName } = wire({ ...(flags.tracer ? { tracer: flags.tracer } : {}) });
  const progress = createProgressReporter(process.stderr);
  const log = (line: string): void => {
    progress.done();
    process.stderr.write(`sandfuzz: ${line}\n`);
  };
  try {
    const results = await runMany(items, jobs, {
      runtime,
      images,
      probe,
      fs,
      clock,
      tracer: tracerName,
      // runMany shares one tracer among every target and phase of the invocation.
      createTracer,
      cleanup,
      signal: abortSignal,
      log,
      onProgress: progress.update,
    });
    progress.done();
    const json = items[0]!.options.json;
    for (const r of results) {
      if (!r.ok) continue;
      const { report } = r.outcome;
      if (json) {
        process.stdout.write(
          `${JSON.stringify({ profile: r.outcome.profilePath, ...(r.outcome.formatPath ? { formatted: r.outcome.formatPath } : {}), ...(r.outcome.complainPath ? { complain: r.outcome.complainPath } : {}), report: r.outcome.reportPath, html: r.outcome.htmlPath, target: report.target, seed: report.seed, allowed: report.profile.allowed, stopReason: report.stopReason, unitsRun: report.unitsRun, miningMs: report.miningMs, enforcement: report.enforcement, crashes: report.crashes })}\n`,
        );
      } else {
        process.stdout.write(formatSummary(report, { profile: r.outcome.profilePath, report: r.outcome.reportPath, html: r.outcome.htmlPath }));
        if (r.outcome.formatPath) process.stdout.write(`  formatted:   ${r.outcome.formatPath}\n`);
        if (r.outcome.complainPath)
          process.stdout.write(`  complain:    ${r.outcome.complainPath} (logs instead of blocking; read with sandfuzz audit CONTAINER)\n`);
      }
    }
    if (many && !json) process.stdout.write(`\n${formatRunTable(results)}`);
    const failed = results.filter((r) => !r.ok);
    if (failed.length === 0) return;
    const first = failed[0]!;
    if (!first.ok && !many) throw first.error;
    const names = failed.map((f) => f.name).join(', ');
    throw new TargetsFailedError(
      `${failed.length} of ${results.length} targets failed (${names}); the others' results are written`,
      first.ok ? 1 : first.exitCode,
    );
  } finally {
    progress.done();
  }
}
