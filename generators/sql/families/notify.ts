import { query, type FamilyDraft, type GenContext } from '../productions/context.js';
import type { ConnectionIndex, SqlStep } from '../unit.js';

/**
 * sql:notify: connection 0 LISTENs, connection 1 (and connection 0 itself) NOTIFY, in and out
 * of transactions, singly and in bulk through pg_notify; then connection 0 awaits what should
 * arrive. Payloads differ within a transaction unless a collapse is meant (the server delivers
 * duplicates once).
 */

// The server refuses payloads of 8000 bytes or more.
const MAX_PAYLOAD = 7999;

interface Notifier {
  readonly steps: SqlStep[];
  /** Notifications connection 0 will receive. */
  readonly delivered: number;
}

function notifier(ctx: GenContext, channel: string, listening: boolean, tag: number): Notifier {
  const { rng } = ctx;
  const conn: ConnectionIndex = rng.oneIn(4) ? 0 : 1;
  const counted = (n: number): number => (listening ? n : 0);
  return rng.weighted<() => Notifier>([
    [3, () => ({ steps: [query(`NOTIFY ${channel}, 'p${tag}'`, { conn })], delivered: counted(1) })],
    [2, () => ({ steps: [query(`SELECT pg_notify('${channel}', 'q${tag}')`, { conn, detail: 'rows' })], delivered: counted(1) })],
    [
      2,
      () => {
        const n = rng.int(2, 2000);
        return {
          steps: [query(`SELECT count(pg_notify('${channel}', '${tag}:' || g)) FROM generate_series(1, ${n}) g`, { conn, detail: 'rows' })],
          delivered: counted(n),
        };
      },
    ],
    [
      1,
      () => ({
        steps: [query(`SELECT count(pg_notify('${channel}', 'same')) FROM generate_series(1, ${rng.int(2, 50)})`, { conn, detail: 'rows' })],
        delivered: counted(1),
      }),
    ],
    [
      1,
      () => {
        const commit = rng.bool();
        return {
          steps: [query('BEGIN', { conn }), query(`NOTIFY ${channel}, 't${tag}'`, { conn }), query(commit ? 'COMMIT' : 'ROLLBACK', { conn })],
          delivered: counted(commit ? 1 : 0),
        };
      },
    ],
    [
      1,
      () => {
        const size = rng.oneIn(2) ? MAX_PAYLOAD : MAX_PAYLOAD + 1;
        return {
          steps: [query(`SELECT pg_notify('${channel}', repeat('x', ${size}))`, { conn, detail: 'rows' })],
          delivered: counted(size <= MAX_PAYLOAD ? 1 : 0),
        };
      },
    ],
  ])();
}

export function notifyFamily(ctx: GenContext): FamilyDraft {
  const { rng } = ctx;
  const listened = `sf_chan_${rng.int(0, 3)}`;
  const other = `sf_chan_${rng.int(4, 5)}`;
  const steps: SqlStep[] = [query(`LISTEN ${listened}`)];
  let expected = 0;
  for (let i = rng.int(1, 3); i > 0; i--) {
    const listening = !rng.oneIn(4);
    const sent = notifier(ctx, listening ? listened : other, listening, i);
    steps.push(...sent.steps);
    expected += sent.delivered;
  }
  steps.push({ kind: 'await-notify', expected, capMs: 1000 });
  if (rng.oneIn(3)) steps.push(query('SELECT pg_notification_queue_usage()'));
  if (rng.oneIn(2)) steps.push(query(rng.bool() ? 'UNLISTEN *' : `UNLISTEN ${listened}`));
  return { steps, peerDatabase: 'postgres' };
}
