import { resolve } from 'node:path';
import { replayCrash } from '../../commands/replay.js';
import { parseDuration } from '../../config/duration.js';
import { assertLocalEngine } from '../../env/engine-location.js';
import { TargetCrashedError } from '../../shared/errors.js';
import { abortSignal, cleanup } from '../handler.js';
import { realDeps } from '../wiring.js';

interface ReplayFlags {
  target?: string;
  unitTimeout?: string;
  json?: boolean;
}

/**
 * Exit 0 when the server survives the step, 81 when it dies again, as fuzzers treat a crash
 * input: `sandfuzz replay crashes/1.json && echo fixed` reads right.
 */
export async function replay(file: string, flags: ReplayFlags): Promise<void> {
  assertLocalEngine(process.env.DOCKER_HOST);
  const unitTimeoutMs = parseDuration('--unit-timeout', flags.unitTimeout ?? '10s');
  const { runtime, images, clock } = realDeps();
  const r = await replayCrash(
    { crashPath: resolve(file), ...(flags.target ? { target: flags.target } : {}), unitTimeoutMs },
    { runtime, images, clock, cleanup, signal: abortSignal, log: (line) => process.stderr.write(`sandfuzz: ${line}\n`) },
  );
  const { crash, verdict } = r;
  if (flags.json) {
    process.stdout.write(
      `${JSON.stringify({ crash: file, reproduced: !verdict.healthy, ...(verdict.healthy ? {} : { reason: verdict.reason, exit: verdict.exit }), answers: r.answers, logTail: r.logTail })}\n`,
    );
  } else if (verdict.healthy) {
    process.stdout.write(
      `not reproduced: ${crash.target} survived ${crash.step} alone (the crash was: ${crash.reason}). A kill from outside, or a crash that needs the session before it: rerun sandfuzz run --seed ${crash.seed}\n`,
    );
  } else {
    for (const line of r.logTail) process.stdout.write(`  | ${line}\n`);
  }
  if (!verdict.healthy) {
    throw new TargetCrashedError(`reproduced: ${crash.target} ${verdict.reason} after ${crash.step}`, [
      { n: crash.crash, step: crash.step, reason: verdict.reason, file },
    ]);
  }
}
