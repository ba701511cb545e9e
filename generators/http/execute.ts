import { UsageError } from '../../src/shared/errors.js';
import type { Endpoint, ExecuteOptions, UnitResult } from '../types.js';
import { TIMEOUT } from './_internals/answers.js';
import { Deadline } from '../_shared/deadline.js';
import { withHardLimit } from '../_shared/hard-limit.js';
import { executeClientUnit } from './_internals/execute-client.js';
import { executeRawUnit } from './_internals/execute-raw.js';
import type { HttpUnit } from './unit.js';

// Time kept back from the unit's budget for closing sockets and settling promises.
function cleanupMargin(timeoutMs: number): number {
  return Math.min(100, Math.floor(timeoutMs / 10));
}

/**
 * Sends one unit and returns one answer per request or message. Resets, closes and silences
 * are answers; the promise settles within `timeoutMs` and leaves no socket open.
 */
export async function executeHttpUnit(unit: HttpUnit, endpoint: Endpoint, options: ExecuteOptions): Promise<UnitResult> {
  const { timeoutMs } = options;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new UsageError(`http execute timeoutMs must be a positive number, got ${timeoutMs}`);
  }
  const deadline = new Deadline(Math.max(1, timeoutMs - cleanupMargin(timeoutMs)));
  const size = unit.kind === 'client' ? unit.requests.length : unit.messages.length;
  try {
    const run = unit.kind === 'client' ? executeClientUnit(unit, endpoint, deadline) : executeRawUnit(unit, endpoint, deadline);
    const answers = await withHardLimit(
      run,
      timeoutMs,
      Array.from({ length: size }, () => TIMEOUT),
    );
    return { answers };
  } finally {
    deadline.dispose();
  }
}
