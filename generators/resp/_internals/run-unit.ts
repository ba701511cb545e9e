import type { Endpoint } from '../../types.js';
import { isLargeKey } from '../key-pools.js';
import type { RespUnit } from '../unit.js';
import { PAUSE, TIMEOUT, UNSENT } from './answers.js';
import { ControlChannel } from './control-channel.js';
import type { Deadline } from '../../_shared/deadline.js';
import { encodeCommand } from '../protocol/resp-encoder.js';
import { collectPending, runCommandStep } from './run-command-step.js';
import { runMalformedStep } from './run-malformed-step.js';
import type { Session } from './session.js';
import type { UnitContext } from './unit-context.js';

const RESET_CAP_MS = 1_000;

function largeKeysOf(unit: RespUnit): string[] {
  const words = unit.steps.flatMap((s) => (s.kind === 'command' ? s.args : s.kind === 'inline' ? s.words : []));
  return [...new Set(words.filter((w): w is string => typeof w === 'string' && isLargeKey(w)))].sort();
}

/**
 * Leaves a connection the way a fresh one starts (RESET drops subscriptions, MULTI, MONITOR,
 * RESP3), and waits for the server to confirm, so the next unit never meets a subscriber or a
 * monitor this one left behind.
 */
async function resetSession(session: Session, deadline: Deadline): Promise<void> {
  const { conn } = session;
  if (session.finished || conn.closed || !conn.connected) return;
  const expectation = conn.expect(1);
  await conn.write(encodeCommand(['RESET']), deadline);
  await conn.settle(expectation, deadline, RESET_CAP_MS);
}

/**
 * Runs a unit's steps in order and returns one answer per step. `stepDeadline` bounds the
 * steps, `cleanupDeadline` (a little later) the resets; every socket is destroyed on return.
 */
export async function runUnit(unit: RespUnit, endpoint: Endpoint, stepDeadline: Deadline, cleanupDeadline: Deadline): Promise<string[]> {
  const answers = unit.steps.map(() => UNSENT);
  const ctx: UnitContext = {
    endpoint,
    deadline: stepDeadline,
    control: new ControlChannel(endpoint, stepDeadline),
    sessions: new Map(),
    pending: [],
    needsClientId: new Set(unit.steps.flatMap((s) => (s.kind === 'command' && s.async ? [s.conn] : []))),
  };
  try {
    const large = largeKeysOf(unit);
    if (large.length > 0) await ctx.control.request(['UNLINK', ...large]);
    for (const [index, step] of unit.steps.entries()) {
      if (stepDeadline.expired) {
        answers[index] = TIMEOUT;
      } else if (step.kind === 'pause') {
        await stepDeadline.sleep(step.ms);
        answers[index] = PAUSE;
      } else if (step.kind === 'malformed') {
        answers[index] = await runMalformedStep(ctx, step);
      } else {
        const answer = await runCommandStep(ctx, step, index);
        if (answer !== null) answers[index] = answer;
      }
    }
    await collectPending(ctx, answers);
    await Promise.all([...ctx.sessions.values()].map((s) => resetSession(s, cleanupDeadline)));
  } finally {
    ctx.control.close();
    for (const session of ctx.sessions.values()) session.conn.destroy();
  }
  return answers;
}
