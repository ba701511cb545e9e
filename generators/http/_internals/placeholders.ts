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

/** The latest validators seen in a unit's responses. */
export interface SeenValidators {
  etag: string | null;
  lastModified: string | null;
}

export function usesPlaceholders(headers: readonly HeaderPair[]): boolean {
  return headers.some(([, value]) => value.includes(ETAG_PLACEHOLDER) || value.includes(LAST_MODIFIED_PLACEHOLDER));
}

/** Headers with placeholders replaced by the validators seen so far (or stable fallbacks). */
export function fillPlaceholders(headers: readonly HeaderPair[], seen: SeenValidators): HeaderPair[] {
  return headers.map(([name, value]) => [
    name,
    value
      .replaceAll(ETAG_PLACEHOLDER, seen.etag ?? FALLBACK_ETAG)
      .replaceAll(LAST_MODIFIED_PLACEHOLDER, seen.lastModified ?? FALLBACK_LAST_MODIFIED),
  ]);
}
