import { CLOSED, REFUSED, TIMEOUT } from './answers.js';
import type { Deadline } from '../../_shared/deadline.js';
import { CLOSED_CODES, errorCode, TIMEOUT_CODES } from '../../_shared/undici-errors.js';

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
