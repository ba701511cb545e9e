import type pg from 'pg';
import type { ResultDetail } from '../unit.js';
import { CLIENT_ERROR, CLOSED, errorAnswer, rowsDigest, successAnswer, TIMEOUT, type SuccessSummary } from './answers.js';
import { raceDeadline, TIMED_OUT } from './deadline-race.js';
import type { PgConnection } from './pg-connection.js';
import type { UnitSession } from './unit-session.js';
import { allowedDetail } from './volatility.js';

export type PgResult = pg.QueryArrayResult<(string | null)[]>;

/** Command words, summed row counts and an order-free digest of every result of a query. */
export function summarize(result: PgResult | PgResult[]): SuccessSummary {
  const results = Array.isArray(result) ? result : [result];
  const commands = results.map((r) => r.command).filter((c): c is string => typeof c === 'string' && c.length > 0);
  const counted = results.filter((r) => typeof r.rowCount === 'number');
  const withRows = results.filter((r) => r.fields && r.fields.length > 0);
  const rows = withRows.flatMap((r, i) => r.rows.map((row) => (withRows.length > 1 ? [String(i), ...row] : row)));
  return {
    commands,
    rowCount: counted.length > 0 ? counted.reduce((sum, r) => sum + (r.rowCount ?? 0), 0) : null,
    digest: withRows.length > 0 ? rowsDigest(rows) : null,
  };
}

/** The SQLSTATE of an error the server sent, or null for client-side and socket errors. */
export function sqlState(err: unknown): string | null {
  const { code } = (typeof err === 'object' && err !== null ? err : {}) as { code?: unknown };
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

/** The answer for a query that failed: the server's SQLSTATE, a closed connection, or pg's refusal. */
export function failureAnswer(err: unknown, connection: PgConnection): string {
  const code = sqlState(err);
  if (code !== null) return errorAnswer(code);
  return connection.closed ? CLOSED : CLIENT_ERROR;
}

/** Runs a pg query on a connection and answers it; TIMEOUT marks the session timed out. */
export async function answerQuery(
  session: UnitSession,
  connection: PgConnection,
  config: object,
  sql: string,
  detail: ResultDetail,
): Promise<string> {
  try {
    const result = await raceDeadline(connection.client.query(config as pg.QueryArrayConfig) as Promise<PgResult | PgResult[]>, session.deadline);
    if (result === TIMED_OUT) {
      session.timedOut = true;
      return TIMEOUT;
    }
    return successAnswer(summarize(result), allowedDetail(sql, detail));
  } catch (err) {
    // A portal read in pages is sent without Sync, and pg does not send one after an error: the
    // server would skip messages until a Sync forever and the connection would hang.
    if ('rows' in config && sqlState(err) !== null && !connection.closed) syncAfterError(connection);
    return failureAnswer(err, connection);
  }
}

function syncAfterError(connection: PgConnection): void {
  (connection.client as unknown as { connection: { sync(): void } }).connection.sync();
}
