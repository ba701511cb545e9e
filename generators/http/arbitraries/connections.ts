import { usesPlaceholders } from '../_internals/placeholders.js';
import type { WellFormedRequest } from '../unit.js';

const READ_ONLY_METHODS = new Set(['GET', 'HEAD']);

/**
 * How many connections a unit may spread its requests over. Requests on different connections
 * race, so only read-only requests that do not depend on an earlier response may be spread:
 * anything else would make the answers depend on timing.
 */
export function safeConnectionCount(requests: readonly WellFormedRequest[], wanted: number): number {
  const independent = requests.every((request) => READ_ONLY_METHODS.has(request.method) && !usesPlaceholders(request.headers));
  return independent ? Math.max(1, Math.min(wanted, requests.length)) : 1;
}
