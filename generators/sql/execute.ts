import { UsageError } from '../../src/shared/errors.js';
import type { Endpoint, ExecuteOptions, UnitResult } from '../types.js';
import { Deadline } from '../_shared/deadline.js';
import { CLIENT_ERROR, TIMEOUT } from './_internals/answers.js';
import { runStep } from './_internals/run-step.js';
import { UnitSession } from './_internals/unit-session.js';
import type { SqlUnit } from './unit.js';

// Time kept back from the unit's budget for cancelling, closing sockets and settling promises.
function cleanupMargin(timeoutMs: number): number {
  return Math.min(500, Math.floor(timeoutMs / 5));
}

// The statement_timeout floor: below it even catalog reads would fail.
const MIN_STATEMENT_TIMEOUT_MS = 100;

/**
 * Runs one unit and returns one answer per step. Errors, closed connections and silences are
 * answers; the promise settles within about `timeoutMs` and leaves no connection open: every
 * session gets a statement_timeout inside the budget, and at the deadline whatever still runs is
 * cancelled and its socket dropped.
 */
export async function executeSqlUnit(unit: SqlUnit, endpoint: Endpoint, options: ExecuteOptions, statementTimeoutMs: number): Promise<UnitResult> {
  const { timeoutMs } = options;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new UsageError(`sql execute timeoutMs must be a positive number, got ${timeoutMs}`);
  }
  const budget = Math.max(1, timeoutMs - cleanupMargin(timeoutMs));
  const deadline = new Deadline(budget);
  const statementTimeout = Math.max(MIN_STATEMENT_TIMEOUT_MS, Math.min(statementTimeoutMs, budget - MIN_STATEMENT_TIMEOUT_MS));
  const session = new UnitSession(unit, endpoint, deadline, statementTimeout);
  const answers: string[] = [];
  try {
    for (const step of unit.steps) {
      if (session.timedOut || deadline.expired) {
        answers.push(TIMEOUT);
        continue;
      }
      // A corpus written by another version may hold a step this one does not know: answer, never throw.
      answers.push((await runStep(step, session).catch(() => CLIENT_ERROR)) ?? CLIENT_ERROR);
    }
  } finally {
    await session.close();
    deadline.dispose();
  }
  return { answers };
}
