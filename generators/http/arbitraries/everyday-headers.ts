import fc from 'fast-check';
import type { HeaderPair } from '../unit.js';
import { compact, presentOneIn } from './optional.js';

const EVERYDAY_HEADER_VALUES: Readonly<Record<string, readonly string[]>> = {
  Accept: ['*/*', 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8', 'application/json', 'image/*'],
  'Accept-Language': ['en-US,en;q=0.5', 'fr', '*'],
  'User-Agent': ['sandfuzz', 'curl/8.5.0', 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0'],
  'Cache-Control': ['no-cache', 'max-age=0', 'no-store'],
  Referer: ['http://sandfuzz.test/', 'http://example.com/a?b=c'],
  'X-Forwarded-For': ['203.0.113.7', '198.51.100.1, 203.0.113.7'],
  Authorization: ['Basic c2FuZGZ1eno6c2VjcmV0', 'Bearer abc.def.ghi'],
};

/** Zero to a few ordinary request headers, each name at most once, in a fixed order. */
export function everydayHeadersArbitrary(): fc.Arbitrary<HeaderPair[]> {
  const slots = Object.entries(EVERYDAY_HEADER_VALUES).map(([name, values]) =>
    presentOneIn(
      fc.constantFrom(...values).map((value): HeaderPair => [name, value]),
      4,
    ),
  );
  return fc.tuple(...slots).map(compact);
}
