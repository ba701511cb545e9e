import type { Endpoint } from '../../types.js';
import { itemsOf, textOf, type RespValue } from '../protocol/resp-value.js';
import { RespConnection } from './connection.js';

type SubscriptionKind = 'channel' | 'pattern' | 'shard';

/** A command sent inside MULTI and queued: EXEC's reply holds its result. */
export interface QueuedCommand {
  readonly key: string;
  readonly words: readonly string[];
}

/**
 * What the executor must know about one connection's protocol state to pair replies with
 * commands: RESP version, subscriptions (pub/sub messages are not replies), MONITOR (every line
 * after it is not a reply), MULTI (EXEC answers for the queued commands).
 */
export interface Session {
  readonly conn: RespConnection;
  protocol: 2 | 3;
  readonly subscriptions: Record<SubscriptionKind, Set<string>>;
  everSubscribed: boolean;
  monitoring: boolean;
  inMulti: boolean;
  queued: QueuedCommand[];
  /** Nothing more is sent: a malformed frame or QUIT went out. */
  finished: boolean;
  /** The server's id for the connection, fetched when a step on it is async. */
  clientId: string | null;
  /** A `waitMs` owed once EXEC runs the command that asked for it. */
  deferredWaitMs: number;
}

const MESSAGE_KINDS = new Set(['message', 'pmessage', 'smessage']);

function firstWord(value: RespValue): string | null {
  const items = itemsOf(value);
  const first = items?.[0];
  return first ? (textOf(first)?.toLowerCase() ?? null) : null;
}

function isPush(session: Session, value: RespValue): boolean {
  if (session.monitoring) return !(value.type === 'simple' && value.text === 'RESET');
  const word = firstWord(value);
  if (word === null) return false;
  if (value.type === 'push') return MESSAGE_KINDS.has(word) || word === 'invalidate';
  return session.everSubscribed && value.type === 'array' && MESSAGE_KINDS.has(word);
}

export function openSession(endpoint: Endpoint): Session {
  const conn = new RespConnection(endpoint);
  const session: Session = {
    conn,
    protocol: 2,
    subscriptions: { channel: new Set(), pattern: new Set(), shard: new Set() },
    everSubscribed: false,
    monitoring: false,
    inMulti: false,
    queued: [],
    finished: false,
    clientId: null,
    deferredWaitMs: 0,
  };
  conn.isPush = (value) => isPush(session, value);
  return session;
}

const SUBSCRIBE_KIND: Readonly<Record<string, SubscriptionKind>> = {
  subscribe: 'channel',
  unsubscribe: 'channel',
  psubscribe: 'pattern',
  punsubscribe: 'pattern',
  ssubscribe: 'shard',
  sunsubscribe: 'shard',
};

/** How many replies a command gets: one, except for the (un)subscribe family outside MULTI. */
export function expectedReplies(session: Session, key: string, argCount: number): number {
  const kind = SUBSCRIBE_KIND[key];
  if (!kind || session.inMulti) return 1;
  if (argCount > 0) return argCount;
  // UNSUBSCRIBE with no channel confirms each current one, or once with a null channel.
  return key.endsWith('subscribe') && key.includes('un') ? Math.max(1, session.subscriptions[kind].size) : 1;
}

/** Updates the session just before `words` goes out. */
export function noteSent(session: Session, key: string): void {
  if (key in SUBSCRIBE_KIND && !key.includes('un')) session.everSubscribed = true;
}

/** Subscription confirmations (`subscribe ch 1`), wherever they appear: replies or EXEC results. */
function noteConfirmations(session: Session, replies: readonly RespValue[]): void {
  for (const reply of replies) {
    const word = firstWord(reply);
    const kind = word ? SUBSCRIBE_KIND[word] : undefined;
    const items = itemsOf(reply);
    if (kind && items && items.length === 3) {
      const target = textOf(items[1]!);
      if (target === null) continue;
      if (word!.includes('un')) session.subscriptions[kind].delete(target);
      else session.subscriptions[kind].add(target);
    } else if (reply.type === 'array' && items) {
      noteConfirmations(session, items);
    }
  }
}

function reset(session: Session): void {
  session.protocol = 2;
  for (const set of Object.values(session.subscriptions)) set.clear();
  session.everSubscribed = false;
  session.monitoring = false;
  session.inMulti = false;
  session.queued = [];
}

/** Updates the session from the replies to `words` (key: its commandKey). */
export function noteReplies(session: Session, key: string, words: readonly string[], replies: readonly RespValue[]): void {
  const first = replies[0];
  const ok = first !== undefined && first.type !== 'error';
  if (session.inMulti && key !== 'multi' && key !== 'exec' && key !== 'discard') {
    if (first?.type === 'simple' && first.text === 'QUEUED') session.queued.push({ key, words });
    return;
  }
  noteConfirmations(session, replies);
  if (key === 'exec' || key === 'discard') {
    if (key === 'exec' && ok && session.queued.some((q) => q.key === 'monitor')) session.monitoring = true;
    if (key === 'exec' && ok && session.queued.some((q) => q.key === 'reset')) reset(session);
    session.inMulti = false;
    session.queued = [];
  } else if (key === 'multi' && ok) {
    session.inMulti = true;
  } else if (key === 'monitor' && ok) {
    session.monitoring = true;
  } else if (key === 'reset' && ok) {
    reset(session);
  } else if (key === 'hello' && ok && (words[1] === '2' || words[1] === '3')) {
    session.protocol = words[1] === '3' ? 3 : 2;
  } else if (key === 'quit') {
    session.finished = true;
  }
}
