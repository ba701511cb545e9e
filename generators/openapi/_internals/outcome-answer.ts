import { CLOSED_CODES, errorCode, TIMEOUT_CODES } from '../../_shared/undici-errors.js';

/**
 * Answers: `<class> <METHOD> <template>`, e.g. `2xx POST /items`, `closed GET /items/{id}`. The
 * class is the status class or what became of the connection; nothing else goes in, as ids,
 * dates and bodies differ between two healthy runs.
 */

/** The state class of a failed request: timeout, closed, or `error:<code>` (as stable as the code). */
export function failureClass(err: unknown, expired: boolean): string {
  const code = errorCode(err);
  if (expired || TIMEOUT_CODES.has(code)) return 'timeout';
  // Refused counts as closed: either way no server process took the request.
  if (CLOSED_CODES.has(code) || code === 'ECONNREFUSED') return 'closed';
  return `error:${code}`;
}

export function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}

export function answer(stateClass: string, method: string, pathTemplate: string): string {
  return `${stateClass} ${method} ${pathTemplate}`;
}
