import type { Endpoint } from '../../types.js';
import { encodeCommand } from '../protocol/resp-encoder.js';
import { textOf } from '../protocol/resp-value.js';
import type { Expectation } from './connection.js';
import type { ControlChannel } from './control-channel.js';
import type { Deadline } from '../../_shared/deadline.js';
import { openSession, type QueuedCommand, type Session } from './session.js';

/** An async step whose reply is collected once it comes (or at the end of the unit). */
export interface PendingAnswer {
  readonly index: number;
  readonly key: string;
  readonly words: readonly string[];
  readonly expectation: Expectation;
  readonly session: Session;
  readonly queued: readonly QueuedCommand[];
}

/** Everything a unit's steps share while it runs. */
export interface UnitContext {
  readonly endpoint: Endpoint;
  readonly deadline: Deadline;
  readonly control: ControlChannel;
  readonly sessions: Map<number, Session>;
  readonly pending: PendingAnswer[];
  /** Connections with an async step: their client id is needed to see them blocked. */
  readonly needsClientId: ReadonlySet<number>;
}

/** The session for connection `index`, opened on first use; null if it cannot be opened. */
export async function sessionFor(ctx: UnitContext, index: number): Promise<Session | null> {
  let session = ctx.sessions.get(index);
  if (!session) {
    session = openSession(ctx.endpoint);
    ctx.sessions.set(index, session);
    if (await session.conn.opened(ctx.deadline)) {
      if (ctx.needsClientId.has(index)) {
        const expectation = session.conn.expect(1);
        await session.conn.write(encodeCommand(['CLIENT', 'ID']), ctx.deadline);
        await session.conn.settle(expectation, ctx.deadline);
        const reply = expectation.replies[0];
        session.clientId = reply?.type === 'integer' ? reply.text : reply ? textOf(reply) : null;
      }
    }
  }
  return session.conn.connected && !session.conn.closed ? session : null;
}

/** Commands that start (or need the absence of) a fork child: BGSAVE, AOF rewrites, SAVE. */
export function startsChild(key: string, words: readonly string[], queued: readonly QueuedCommand[]): boolean {
  if (key === 'bgsave' || key === 'bgrewriteaof' || key === 'save') return true;
  if (key === 'config|set') return words.slice(2).some((w) => w.toLowerCase() === 'appendonly');
  if (key === 'debug') return /^reload$/i.test(words[1] ?? '');
  if (key === 'exec') return queued.some((q) => startsChild(q.key, q.words, []));
  return false;
}
