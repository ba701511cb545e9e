import fc from 'fast-check';
import type { ResolvedHttpConstraints } from '../../constraints.js';
import { ETAG_PLACEHOLDER, LAST_MODIFIED_PLACEHOLDER } from '../../_internals/placeholders.js';
import type { ClientUnit, HeaderPair } from '../../unit.js';
import { HTTP_DATES } from '../conditional-headers.js';
import { safeConnectionCount } from '../connections.js';
import { readMethodArbitrary } from '../method.js';
import { compact, presentOneIn } from '../optional.js';
import { existingPathArbitrary, pathArbitrary } from '../path.js';
import { rangeHeaderArbitrary } from '../range-header.js';
import { requestHeadersArbitrary } from '../request-headers.js';
import { wellFormedRequestArbitrary } from '../well-formed-request.js';

function ifRangeArbitrary(): fc.Arbitrary<HeaderPair> {
  return fc
    .constantFrom(ETAG_PLACEHOLDER, LAST_MODIFIED_PLACEHOLDER, '"nope"', ...HTTP_DATES.slice(0, 3))
    .map((value): HeaderPair => ['If-Range', value]);
}

/** Range requests (single, multi, unsatisfiable, invalid), sometimes guarded by If-Range. */
export function rangeUnitArbitrary(c: ResolvedHttpConstraints): fc.Arbitrary<ClientUnit> {
  const ownHeaders = fc.tuple(rangeHeaderArbitrary(), presentOneIn(ifRangeArbitrary(), 4)).map(([range, ifRange]) => [range, ...compact([ifRange])]);
  const request = wellFormedRequestArbitrary({
    method: readMethodArbitrary(),
    path: fc.oneof({ weight: 4, arbitrary: existingPathArbitrary(c) }, { weight: 1, arbitrary: pathArbitrary(c) }),
    headers: requestHeadersArbitrary(ownHeaders),
    body: fc.constant(null),
  });
  return fc
    .tuple(fc.array(request, { minLength: 1, maxLength: c.maxRequestsPerUnit, size: 'max' }), fc.integer({ min: 1, max: c.maxConnections }))
    .map(
      ([requests, connections]): ClientUnit => ({
        kind: 'client',
        family: 'range',
        connections: safeConnectionCount(requests, connections),
        requests,
      }),
    );
}
