/**
 * Answer strings. They hold only what two healthy runs of the same image agree on: the status,
 * the body length and a body digest, or what became of the connection. Never dates, ETags or
 * timings.
 */

/** The server closed or reset the connection before answering. */
export const CLOSED = 'closed';
/** Nothing (or nothing complete) arrived before the unit's deadline. */
export const TIMEOUT = 'timeout';
/** The connection could not be opened. */
export const REFUSED = 'refused';
/** Never written: an earlier message in the unit truncated the stream or hung up. */
export const UNSENT = 'unsent';
/** The unit itself hung up before the request was complete (slowloris). */
export const ABANDONED = 'abandoned';

/** `200 len=1048576 sha1=abcd1234`; `status` is a code, or `http/0.9` for a headless answer. */
export function responseAnswer(status: number | string, length: number, shortSha1: string): string {
  return `${status} len=${length} sha1=${shortSha1}`;
}

/** A response whose head arrived but whose body was cut short by the server closing. */
export function truncatedAnswer(status: number | string): string {
  return `${status} truncated`;
}
