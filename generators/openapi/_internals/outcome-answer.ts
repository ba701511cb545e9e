/**
 * Answers: `<class> <METHOD> <template>`, e.g. `2xx POST /items`, `closed GET /items/{id}`. The
 * class is the status class or what became of the connection; nothing else goes in, as ids,
 * dates and bodies differ between two healthy runs.
 */

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_ABORTED', 'ABORT_ERR', 'ETIMEDOUT']);

// Refused counts as closed: either way no server process took the request.
const CLOSED_CODES = new Set([
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'HPE_INVALID_EOF_STATE',
]);

export function errorCode(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const { code, name } = err as { code?: unknown; name?: unknown };
    if (typeof code === 'string') return code;
    if (name === 'AbortError') return 'ABORT_ERR';
    if (typeof name === 'string') return name;
  }
  return 'unknown';
}

/** The state class of a failed request: timeout, closed, or `error:<code>` (as stable as the code). */
export function failureClass(err: unknown, expired: boolean): string {
  const code = errorCode(err);
  if (expired || TIMEOUT_CODES.has(code)) return 'timeout';
  if (CLOSED_CODES.has(code)) return 'closed';
  return `error:${code}`;
}

export function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}

export function answer(stateClass: string, method: string, pathTemplate: string): string {
  return `${stateClass} ${method} ${pathTemplate}`;
}
