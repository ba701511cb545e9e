import { validateCommand } from '../../commands/validate.js';
import { resolveValidateOptions, type ValidateOptions } from '../../config/validate-options.js';
import { ValidationFailedError } from '../../shared/errors.js';
import { abortSignal, cleanup } from '../handler.js';
import type { TracerName } from '../../engine/tracer/tracers.js';
import { realDeps, type Wire } from '../wiring.js';

export async function validate(opts: ValidateOptions & { tracer?: TracerName }, wire: Wire = realDeps): Promise<void> {
  const options = resolveValidateOptions(opts);
  const { runtime, images, probe, clock, createTracer, tracer } = wire({ ...(opts.tracer ? { tracer: opts.tracer } : {}) });
  const result = await validateCommand(options, {
    runtime,
    images,
    probe,
    clock,
    tracer,
    createTracer,
    cleanup,
    signal: abortSignal,
    log: (line) => process.stderr.write(`sandfuzz: ${line}\n`),
  });
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ profile: options.profilePath, seed: options.seed, ...result })}\n`);
  } else {
    for (const b of result.wouldBlock) process.stdout.write(`would block ${b.syscall}: made by ${b.madeBy}\n`);
    for (const m of result.mismatches)
      process.stdout.write(`differs at unit ${m.index} (${m.description}): '${m.actual}' enforced, '${m.expected}' relaxed\n`);
    process.stdout.write(
      `${result.ok ? 'ok' : 'FAILED'}: ${result.replayed} steps replayed, ${result.wouldBlock.length} syscall(s) would be blocked, ${result.mismatches.length} answer(s) differ, stop exit code ${result.exitCode}\n`,
    );
  }
  if (!result.ok) {
    const blocked = result.wouldBlock.map((b) => b.syscall);
    const cause = blocked.length > 0 ? `would block ${blocked.join(', ')}` : result.problems[0];
    throw new ValidationFailedError(`${options.profilePath} fails on ${options.target}: ${cause}`);
  }
}
