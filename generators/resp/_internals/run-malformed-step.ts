import { encodeCommand } from '../protocol/resp-encoder.js';
import { isOversized, malformedOutcome, renderMalformedFrame } from '../protocol/malformed-frames.js';
import type { MalformedStep } from '../unit.js';
import { malformedAnswer, REJECTED, UNSENT } from './answers.js';
import { isDone, unusableAnswer } from './run-command-step.js';
import { sessionFor, type UnitContext } from './unit-context.js';

// How long a connection must stay silent before the server is taken to have said all it will
// about a frame. Error replies and closes come within a millisecond on a healthy server.
const QUIET_MS = 250;

// How long the PING after a silent frame may take: a server still waiting on the frame never answers.
const PROBE_WAIT_MS = 1_000;

const PROBE = encodeCommand(['PING']);

/**
 * Writes a malformed frame and records what came back: error replies, replies to whatever
 * command the server read out of the bytes, and whether it hung up. Frames the server waits on
 * get a half-close; frames it ignores get a PING, so silence and tolerance are told apart.
 * Nothing else is sent on that connection afterwards.
 */
export async function runMalformedStep(ctx: UnitContext, step: MalformedStep): Promise<string> {
  if (isDone(ctx, step.conn)) return UNSENT;
  const session = await sessionFor(ctx, step.conn);
  if (!session) return unusableAnswer(ctx, step.conn);
  session.finished = true;
  const { conn } = session;
  const firstStray = conn.stray.length;
  const outcome = malformedOutcome(step.frame.kind);

  await conn.write(renderMalformedFrame(step.frame), ctx.deadline);
  conn.markActivity();
  if (outcome === 'incomplete') {
    conn.end();
    await conn.until(() => conn.closed, ctx.deadline);
  } else {
    await conn.quiet(QUIET_MS, ctx.deadline);
    if (!conn.closed && conn.stray.length === firstStray) {
      await conn.write(PROBE, ctx.deadline);
      conn.markActivity();
      await conn.until(() => conn.closed || conn.stray.length > firstStray, ctx.deadline, PROBE_WAIT_MS);
      await conn.quiet(QUIET_MS, ctx.deadline);
    }
  }
  const replies = conn.stray.slice(firstStray);
  if (isOversized(step.frame) && (conn.closed || replies.some((r) => r.type === 'error'))) return REJECTED;
  return malformedAnswer(replies, conn.closed);
}
