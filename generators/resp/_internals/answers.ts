import type { RespValue } from '../protocol/resp-value.js';
import { compact, formatReply, pushesSuffix, render, replyClass } from './answer-format.js';
import { answerPolicy } from './answer-policy.js';
import type { Expectation } from './connection.js';
import type { QueuedCommand } from './session.js';

/**
 * Answer strings that are not replies. Each is its own state class; none carries anything that
 * differs between two healthy runs.
 */
export const TIMEOUT = 'timeout';
export const CLOSED = 'closed';
export const REFUSED = 'refused';
/** Not written: an earlier step ended the connection (malformed frame, QUIT, MONITOR). */
export const UNSENT = 'unsent';
export const PAUSE = 'pause';
/** An oversized frame was refused; whether the error line beat the reset is up to the kernel. */
export const REJECTED = 'rejected';

// EXEC's reply holds one result per queued command, each formatted as that command would be.
function execAnswer(reply: RespValue, queued: readonly QueuedCommand[]): string {
  if (reply.type !== 'array' || reply.items.length !== queued.length) return formatReply(reply, 'full');
  if (reply.items.length === 0) return '* 0';
  const parts = reply.items.map((item, i) => formatReply(item, answerPolicy(queued[i]!.words)));
  return `* ${parts.length} ${compact(`[${parts.join(' | ')}]`)}`;
}

/** The answer for a command whose replies all arrived. */
export function commandAnswer(key: string, words: readonly string[], expectation: Expectation, queued: readonly QueuedCommand[]): string {
  const [first] = expectation.replies;
  if (!first) return TIMEOUT;
  const suffix = pushesSuffix(expectation.pushes);
  if (key === 'exec') return execAnswer(first, queued) + suffix;
  const policy = answerPolicy(words);
  if (expectation.replies.length === 1) return formatReply(first, policy) + suffix;
  const all = expectation.replies.map((r) => (policy === 'class' ? replyClass(r) : render(r))).join(' ');
  return `${replyClass(first)} x${expectation.replies.length} ${compact(all)}${suffix}`;
}

/** The answer for a malformed frame: every reply it drew, then whether the server hung up. */
export function malformedAnswer(replies: readonly RespValue[], closed: boolean): string {
  const parts = replies.map((r) => formatReply(r, 'full'));
  if (closed) parts.push(CLOSED);
  return parts.length === 0 ? TIMEOUT : parts.join(' ; ');
}
