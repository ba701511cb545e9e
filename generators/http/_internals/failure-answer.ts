import { CLOSED, REFUSED, TIMEOUT } from './answers.js';
import type { Deadline } from '../../_shared/deadline.js';

const TIMEOUT_CODES = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_ABORTED',
  'ABORT_ERR',
  'ETIMEDOUT',
]);

const CLOSED_CODES = new Set([
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'HPE_INVALID_EOF_STATE',
]);

function errorCode(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const { code, name } = err as { code?: unknown; name?: unknown };
    if (typeof code === 'string') return code;
    if (name === 'AbortError') return 'ABORT_ERR';
    if (typeof name === 'string') return name;
  }
  return 'unknown';
}

/**
 * The answer for a request that failed: what the connection did (timeout, closed, refused), or
 * `error:<code>` for anything else, which is as stable as the code.
 */
export function failureAnswer(err: unknown, deadline: Deadline): string {
  const code = errorCode(err);
  if (deadline.expired || TIMEOUT_CODES.has(code)) return TIMEOUT;
  if (CLOSED_CODES.has(code)) return CLOSED;
  if (code === 'ECONNREFUSED') return REFUSED;
  return `error:${code}`;
}
