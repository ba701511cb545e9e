import fc from 'fast-check';
import { ETAG_PLACEHOLDER, LAST_MODIFIED_PLACEHOLDER } from '../_internals/placeholders.js';
import type { HeaderPair } from '../unit.js';
import { compact, presentOneIn } from './optional.js';

// Fixed dates only (never "now"): the epoch, the past, the far future, RFC 850 and asctime forms.
export const HTTP_DATES = [
  'Thu, 01 Jan 1970 00:00:00 GMT',
  'Sat, 01 Jan 2000 00:00:00 GMT',
  'Fri, 31 Dec 9999 23:59:59 GMT',
  'Sunday, 06-Nov-94 08:49:37 GMT',
  'Sun Nov  6 08:49:37 1994',
  'not a date',
];

const ENTITY_TAGS = [ETAG_PLACEHOLDER, `W/${ETAG_PLACEHOLDER}`, '"nope"', `"nope", ${ETAG_PLACEHOLDER}`, '*', 'garbage'];

function slot(name: string, values: readonly string[]): fc.Arbitrary<HeaderPair | null> {
  return presentOneIn(
    fc.constantFrom(...values).map((value): HeaderPair => [name, value]),
    2,
  );
}

/**
 * One to five conditional headers with distinct names. Values name the validators the server
 * sent earlier in the unit (placeholders) or fixed, mismatching ones.
 */
export function conditionalHeadersArbitrary(): fc.Arbitrary<HeaderPair[]> {
  const dates = [LAST_MODIFIED_PLACEHOLDER, ...HTTP_DATES];
  return fc
    .tuple(
      slot('If-None-Match', ENTITY_TAGS),
      slot('If-Match', ENTITY_TAGS),
      slot('If-Modified-Since', dates),
      slot('If-Unmodified-Since', dates),
      slot('If-Range', [ETAG_PLACEHOLDER, LAST_MODIFIED_PLACEHOLDER, '"nope"', HTTP_DATES[1]!]),
    )
    .map((slots) => {
      const present = compact(slots);
      return present.length > 0 ? present : [['If-None-Match', ETAG_PLACEHOLDER]];
    });
}
