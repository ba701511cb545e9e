import { getTarget } from '../../../targets/index.js';
import { runCommand } from '../../commands/run.js';
import { resolveRunOptions, type RunOptions } from '../../config/run-options.js';
import { DockerodeRuntime } from '../../engine/docker/dockerode-runtime.js';
import { BpftraceTracer } from '../../engine/tracer/bpftrace.js';
import { realHostProbe } from '../../env/host-probe.js';
import { createProgressReporter } from '../../report/progress.js';
import { formatSummary } from '../../report/summary.js';
import { abortSignal, cleanup } from '../handler.js';

export async function run(opts: RunOptions): Promise<void> {
  const options = resolveRunOptions(opts, { defaultMaxTimeSec: getTarget(opts.target).miningBudgetSec });
  const runtime = new DockerodeRuntime();
  const progress = createProgressReporter(process.stderr);
  const log = (line: string): void => {
    progress.done();
    process.stderr.write(`sandfuzz: ${line}\n`);
  };
  try {
    const outcome = await runCommand(options, {
      runtime, probe: realHostProbe(runtime), createTracer: () => new BpftraceTracer(),
      cleanup, signal: abortSignal, log, onProgress: progress.update,
    });
    progress.done();
    if (options.json) {
      const { report } = outcome;
      process.stdout.write(`${JSON.stringify({ profile: outcome.profilePath, ...(outcome.formatPath ? { formatted: outcome.formatPath } : {}), report: outcome.reportPath, html: outcome.htmlPath, target: report.target, seed: report.seed, allowed: report.profile.allowed, stopReason: report.stopReason, unitsRun: report.unitsRun, miningMs: report.miningMs, enforcement: report.enforcement })}\n`);
    } else {
      process.stdout.write(formatSummary(outcome.report, { profile: outcome.profilePath, report: outcome.reportPath, html: outcome.htmlPath }));
      if (outcome.formatPath) process.stdout.write(`  ${options.format}:${' '.repeat(Math.max(1, 12 - options.format.length))}${outcome.formatPath}\n`);
    }
  } finally {
    progress.done();
  }
}
