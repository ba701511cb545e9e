import type { HeaderPair } from '../unit.js';

/**
 * Header values can name a validator the server sent earlier in the same unit: a conditional GET
 * then carries the real ETag and reaches the 304/412 paths, which made-up values never do.
 */
export const ETAG_PLACEHOLDER = '{{etag}}';
export const LAST_MODIFIED_PLACEHOLDER = '{{last-modified}}';

// Used before any response carried a validator: still a well-formed value, just not a matching one.
const FALLBACK_ETAG = '"sandfuzz-unseen"';
const FALLBACK_LAST_MODIFIED = 'Thu, 01 Jan 1970 00:00:00 GMT';

/**
 * A path can name what an earlier request of the unit created (a `Location` header, or the `id`
 * of a JSON answer to a POST): a follow-up GET or DELETE then reaches the resource itself.
 */
export const CREATED_PLACEHOLDER = '/{{created}}';
const FALLBACK_CREATED = '/sandfuzz-unseen';

/** The latest validators (and created resource) seen in a unit's responses. */
export interface SeenValidators {
  etag: string | null;
  lastModified: string | null;
  created?: string | null;
}

/** A path with the created-resource placeholder replaced by what the unit created so far. */
export function fillPath(path: string, seen: SeenValidators): string {
  return path.includes(CREATED_PLACEHOLDER) ? path.replaceAll(CREATED_PLACEHOLDER, seen.created ?? FALLBACK_CREATED) : path;
}

/** Where the answer to a POST says the new resource is: its Location, or `<path>/<id>` from JSON. */
export function createdPath(requestPath: string, location: string | undefined, json: string | undefined): string | null {
  if (location) {
    try {
      const url = new URL(location, 'http://x');
      return url.pathname + url.search;
    } catch {
      return null;
    }
  }
  if (!json) return null;
  try {
    const value = JSON.parse(json) as Record<string, unknown> | null;
    const id = value && typeof value === 'object' ? (value.id ?? value.uuid ?? value.key) : undefined;
    if (typeof id !== 'string' && typeof id !== 'number') return null;
    return `${requestPath.split('?')[0]!.replace(/\/$/, '')}/${encodeURIComponent(String(id))}`;
  } catch {
    return null;
  }
}

export function usesPlaceholders(headers: readonly HeaderPair[]): boolean {
  return headers.some(([, value]) => value.includes(ETAG_PLACEHOLDER) || value.includes(LAST_MODIFIED_PLACEHOLDER));
}

/** Headers with placeholders replaced by the validators seen so far (or stable fallbacks). */
export function fillPlaceholders(headers: readonly HeaderPair[], seen: SeenValidators): HeaderPair[] {
  return headers.map(([name, value]) => [
    name,
    value.replaceAll(ETAG_PLACEHOLDER, seen.etag ?? FALLBACK_ETAG).replaceAll(LAST_MODIFIED_PLACEHOLDER, seen.lastModified ?? FALLBACK_LAST_MODIFIED),
  ]);
}
