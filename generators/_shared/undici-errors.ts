/**
 * How undici and node:net report a request that got no answer: codes that mean the deadline
 * passed, and codes that mean the connection went away. Shared by every HTTP executor, so that
 * one failure reads as the same answer whichever generator sent the request.
 */
export const TIMEOUT_CODES: ReadonlySet<string> = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_ABORTED',
  'ABORT_ERR',
  'ETIMEDOUT',
]);

/** The connection closed or broke (a refused connect is not among them: it never opened). */
export const CLOSED_CODES: ReadonlySet<string> = new Set([
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'HPE_INVALID_EOF_STATE',
]);

/** The stable code of a thrown value: its `code`, ABORT_ERR for an abort, else its name. */
export function errorCode(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const { code, name } = err as { code?: unknown; name?: unknown };
    if (typeof code === 'string') return code;
    if (name === 'AbortError') return 'ABORT_ERR';
    if (typeof name === 'string') return name;
  }
  return 'unknown';
}
