import { Client } from 'undici';
import { UsageError } from '../../src/shared/errors.js';
import { Deadline } from '../_shared/deadline.js';
import { withHardLimit } from '../_shared/hard-limit.js';
import type { Endpoint, ExecuteOptions, UnitResult } from '../types.js';
import { originOf } from './_internals/origin.js';
import { answer } from './_internals/outcome-answer.js';
import { renderStep } from './_internals/render-step.js';
import type { StepOutcome } from './_internals/resolve-reference.js';
import { sendStep } from './_internals/send-step.js';
import type { OpenApiUnit } from './unit.js';

// Time kept back from the unit's budget for closing the connection and settling promises.
function cleanupMargin(timeoutMs: number): number {
  return Math.min(100, Math.floor(timeoutMs / 10));
}

async function runSteps(unit: OpenApiUnit, endpoint: Endpoint, deadline: Deadline, answers: string[]): Promise<void> {
  const client = new Client(originOf(endpoint), {
    connectTimeout: deadline.remaining(),
    headersTimeout: deadline.remaining(),
    bodyTimeout: deadline.remaining(),
    keepAliveTimeout: deadline.remaining(),
    pipelining: 1,
  });
  const outcomes: (StepOutcome | undefined)[] = [];
  try {
    for (const [i, step] of unit.steps.entries()) {
      if (deadline.expired) break;
      let state: string;
      try {
        const sent = await sendStep(client, renderStep(unit.basePath, step, outcomes), deadline);
        state = sent.state;
        outcomes[i] = sent.outcome;
      } catch (err) {
        // undici refused to send it at all (a value it cannot carry): the unit's fault, an answer still.
        state = `error:${(err as { code?: string }).code ?? 'unsendable'}`;
      }
      answers[i] = answer(state, step.method, step.pathTemplate);
    }
  } finally {
    await client.destroy().catch(() => undefined);
  }
}

/**
 * Sends a unit's steps one after another on one connection, resolving each step's references
 * against the answers before it. One answer per step; resets, refusals and silences are answers;
 * the promise settles within `timeoutMs` and leaves no socket open. Needs only the unit.
 */
export async function executeOpenApiUnit(unit: OpenApiUnit, endpoint: Endpoint, options: ExecuteOptions): Promise<UnitResult> {
  const { timeoutMs } = options;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new UsageError(`openapi execute timeoutMs must be a positive number, got ${timeoutMs}`);
  }
  const deadline = new Deadline(Math.max(1, timeoutMs - cleanupMargin(timeoutMs)));
  const answers = unit.steps.map((s) => answer('timeout', s.method, s.pathTemplate));
  try {
    await withHardLimit(runSteps(unit, endpoint, deadline, answers), timeoutMs, undefined);
    return { answers: [...answers] };
  } finally {
    deadline.dispose();
  }
}
