/**
 * Answer strings, one per connection. They say what became of the connection, never how many
 * bytes came back or what they were: TCP splits a reply differently from run to run, and the
 * engine compares answers of two runs of the same unit.
 */

/** Nothing listens on the port. */
export const REFUSED = 'refused';
/** The connection did not open within the unit's budget. */
export const TIMEOUT = 'timeout';
/** Connected; the unit closed or reset it without looking at what came back. */
export const ACCEPTED = 'accepted';
/** Bytes came back. */
export const REPLIED = 'replied';
/** Nothing came back while the unit waited, and the server kept the connection open. */
export const SILENT = 'silent';
/**
 * The server hung up before sending anything. FIN and RST alike: which of the two a server's
 * close() sends depends on whether our bytes had reached it yet, a matter of timing.
 */
export const CLOSED_BY_PEER = 'closed-by-peer';

/** The connection failed for another reason (`error:EHOSTUNREACH`), as stable as the code. */
export function errorAnswer(code: string): string {
  return `error:${code}`;
}

/**
 * After a half-close: what came back, then whether the server closed its side too before the
 * unit stopped waiting (`replied closed-by-peer`, `replied open`, `silent open`).
 */
export function halfCloseAnswer(replied: boolean, peerClosed: boolean): string {
  if (!replied) return peerClosed ? CLOSED_BY_PEER : `${SILENT} open`;
  return `${REPLIED} ${peerClosed ? CLOSED_BY_PEER : 'open'}`;
}
