import { UsageError } from '../../src/shared/errors.js';
import type { Endpoint, ExecuteOptions, UnitResult } from '../types.js';
import { TIMEOUT } from './_internals/answers.js';
import { Deadline } from '../_shared/deadline.js';
import { withHardLimit } from '../_shared/hard-limit.js';
import { runUnit } from './_internals/run-unit.js';
import type { RespUnit } from './unit.js';

// Time kept back from the steps for the resets and socket teardown at the end of a unit.
function cleanupMargin(timeoutMs: number): number {
  return Math.min(400, Math.floor(timeoutMs / 5));
}

/**
 * Sends one unit and returns one answer per step. Errors, closes, resets and silence are answers;
 * the promise settles within `timeoutMs` and leaves no socket open.
 */
export async function executeRespUnit(unit: RespUnit, endpoint: Endpoint, options: ExecuteOptions): Promise<UnitResult> {
  const { timeoutMs } = options;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new UsageError(`redis execute timeoutMs must be a positive number, got ${timeoutMs}`);
  }
  const stepDeadline = new Deadline(Math.max(1, timeoutMs - cleanupMargin(timeoutMs)));
  const cleanupDeadline = new Deadline(Math.max(1, timeoutMs - 10));
  try {
    const run = runUnit(unit, endpoint, stepDeadline, cleanupDeadline);
    const answers = await withHardLimit(
      run,
      timeoutMs,
      unit.steps.map(() => TIMEOUT),
    );
    return { answers };
  } finally {
    stepDeadline.dispose();
    cleanupDeadline.dispose();
  }
}
