import { encodeCommand, encodeInline } from '../protocol/resp-encoder.js';
import type { CommandStep, InlineStep } from '../unit.js';
import { commandAnswer, CLOSED, REFUSED, TIMEOUT, UNSENT } from './answers.js';
import { commandKey } from './answer-policy.js';
import { literalWords, wireArgs } from './arg-bytes.js';
import { expectedReplies, noteReplies, noteSent, type Session } from './session.js';
import { sessionFor, startsChild, type UnitContext } from './unit-context.js';

/** The answer for a step that found its connection unusable. */
export function unusableAnswer(ctx: UnitContext, conn: number): string {
  const session = ctx.sessions.get(conn);
  if (!session) return TIMEOUT;
  if (session.conn.refused) return REFUSED;
  return session.conn.closed ? CLOSED : TIMEOUT;
}

/** Nothing more goes out on the connection: a malformed frame or QUIT ended it, or MONITOR took it. */
export function isDone(ctx: UnitContext, conn: number): boolean {
  const session = ctx.sessions.get(conn);
  return session !== undefined && (session.finished || session.monitoring);
}

function usable(session: Session | null): session is Session {
  return session !== null && !session.conn.closed;
}

/**
 * Sends one command (array or inline form) and returns its answer, or null for an async step
 * whose answer is collected later. Waits for background children around commands that start
 * one, sleeps the step's `waitMs` (after EXEC when it was queued in MULTI).
 */
export async function runCommandStep(ctx: UnitContext, step: CommandStep | InlineStep, index: number): Promise<string | null> {
  // Checked before the socket: after QUIT the server's close may or may not have arrived yet.
  if (isDone(ctx, step.conn)) return UNSENT;
  const session = await sessionFor(ctx, step.conn);
  if (!usable(session)) return unusableAnswer(ctx, step.conn);

  const words = step.kind === 'inline' ? [...step.words] : literalWords(step.args);
  const key = commandKey(words);
  const queued = [...session.queued];
  const child = !session.inMulti && startsChild(key, words, queued);
  if (child) await ctx.control.waitChildIdle();

  const bytes = step.kind === 'inline' ? encodeInline(step.words) : encodeCommand(wireArgs(step.args));
  const expectation = session.conn.expect(expectedReplies(session, key, words.length - key.split('|').length));
  noteSent(session, key);
  await session.conn.write(bytes, ctx.deadline);

  if (step.kind === 'command' && step.async) {
    // Only wait until the server either answered or parked the command, so a helper can act.
    const answered = (): boolean => expectation.done || session.conn.closed;
    if (session.clientId !== null) await ctx.control.waitBlocked(session.clientId, answered);
    if (!answered()) {
      ctx.pending.push({ index, key, words, expectation, session, queued });
      return null;
    }
  }
  await session.conn.settle(expectation, ctx.deadline);
  const answer = expectation.done ? commandAnswer(key, words, expectation, queued) : session.conn.closed ? CLOSED : TIMEOUT;
  noteReplies(session, key, words, expectation.replies);
  if (child) await ctx.control.waitChildIdle();
  await settleWaits(ctx, session, key, step.kind === 'command' ? (step.waitMs ?? 0) : 0);
  return answer;
}

async function settleWaits(ctx: UnitContext, session: Session, key: string, waitMs: number): Promise<void> {
  if (session.inMulti) {
    session.deferredWaitMs = Math.max(session.deferredWaitMs, waitMs);
    return;
  }
  const owed = key === 'exec' || key === 'discard' ? session.deferredWaitMs : 0;
  session.deferredWaitMs = 0;
  await ctx.deadline.sleep(Math.max(waitMs, owed));
}

/** Waits for the async steps still out and fills in their answers. */
export async function collectPending(ctx: UnitContext, answers: string[]): Promise<void> {
  for (const pending of ctx.pending.splice(0)) {
    await pending.session.conn.settle(pending.expectation, ctx.deadline);
    const { expectation, session } = pending;
    answers[pending.index] = expectation.done
      ? commandAnswer(pending.key, pending.words, expectation, pending.queued)
      : session.conn.closed
        ? CLOSED
        : TIMEOUT;
    noteReplies(session, pending.key, pending.words, expectation.replies);
  }
}
