import { UsageError } from '../../src/shared/errors.js';
import { Deadline } from '../_shared/deadline.js';
import { withHardLimit } from '../_shared/hard-limit.js';
import type { Endpoint, ExecuteOptions, UnitResult } from '../types.js';
import { TIMEOUT } from './_internals/answers.js';
import { runConnection } from './_internals/run-connection.js';
import type { TcpUnit } from './unit.js';

// Time kept back from the unit's budget for closing sockets and settling promises.
function cleanupMargin(timeoutMs: number): number {
  return Math.min(100, Math.floor(timeoutMs / 10));
}

/**
 * Opens the unit's connections all at once and runs each; one answer per connection, in order.
 * Refusals, resets, closes and silences are answers: the promise settles within `timeoutMs`
 * and leaves no socket open.
 */
export async function executeTcpUnit(unit: TcpUnit, endpoint: Endpoint, options: ExecuteOptions): Promise<UnitResult> {
  const { timeoutMs } = options;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new UsageError(`tcp execute timeoutMs must be a positive number, got ${timeoutMs}`);
  }
  const deadline = new Deadline(Math.max(1, timeoutMs - cleanupMargin(timeoutMs)));
  try {
    const run = Promise.all(unit.connections.map((plan) => runConnection(plan, endpoint, deadline)));
    const answers = await withHardLimit(
      run,
      timeoutMs,
      unit.connections.map(() => TIMEOUT),
    );
    return { answers };
  } finally {
    deadline.dispose();
  }
}
