import { createHash } from 'node:crypto';
import type { ResultDetail } from '../unit.js';

/**
 * Answer strings. The first word is the state class: the SQLSTATE class ('00' for success,
 * '42', '23', ...) or what became of the connection. The rest is the stable detail: command
 * words, row counts and digests, SQLSTATE codes; never messages, OIDs, pids or times.
 */

/** The connection closed (or never opened) before the step could be answered. */
export const CLOSED = 'closed';
/** The unit's deadline passed before the step was answered. */
export const TIMEOUT = 'timeout';
/** The connection could not be opened at all. */
export const REFUSED = 'refused';
/** Never sent: the unit's safety check refused the step. */
export const FORBIDDEN = 'forbidden';
/** pg itself refused the step before sending it (a client-side error, e.g. a bad parameter). */
export const CLIENT_ERROR = 'client';

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** `42 42P01`: the SQLSTATE class, then the code. */
export function errorAnswer(code: string): string {
  return SQLSTATE.test(code) ? `${code.slice(0, 2)} ${code}` : CLIENT_ERROR;
}

/** First 8 hex digits of the SHA-1 of `data`. */
export function shortSha1(data: string | Buffer): string {
  return createHash('sha1').update(data).digest('hex').slice(0, 8);
}

/**
 * A digest of result rows that does not depend on their order: heap order changes with vacuum
 * and parallel workers, and ORDER BY results are already in a fixed order anyway.
 */
export function rowsDigest(rows: readonly (readonly (string | null)[])[]): string {
  const lines = rows.map((row) => JSON.stringify(row)).sort();
  return shortSha1(lines.join('\n'));
}

export interface SuccessSummary {
  /** Command words of each statement's CommandComplete, e.g. ['SET', 'SELECT']. */
  readonly commands: readonly string[];
  /** Rows returned or affected, summed over statements; null when no statement reports any. */
  readonly rowCount: number | null;
  /** Digest of the returned rows (rowsDigest), null when no rows were returned. */
  readonly digest: string | null;
}

/** `00 SELECT rows=3 sha1=ab12cd34`, cut down to what `detail` allows. */
export function successAnswer(summary: SuccessSummary, detail: ResultDetail): string {
  const parts = ['00'];
  if (summary.commands.length > 0) parts.push(summary.commands.join('+'));
  if (detail !== 'class' && summary.rowCount !== null) parts.push(`rows=${summary.rowCount}`);
  if (detail === 'rows' && summary.digest !== null) parts.push(`sha1=${summary.digest}`);
  return parts.join(' ');
}
