import fc from 'fast-check';
import type { ResolvedHttpConstraints } from '../../constraints.js';
import type { ClientUnit } from '../../unit.js';
import { safeConnectionCount } from '../connections.js';
import { readMethodArbitrary } from '../method.js';
import { pathArbitrary } from '../path.js';
import { requestHeadersArbitrary } from '../request-headers.js';
import { wellFormedRequestArbitrary } from '../well-formed-request.js';

/** GET and HEAD over existing, missing and odd paths, on one or a few connections. */
export function getUnitArbitrary(c: ResolvedHttpConstraints): fc.Arbitrary<ClientUnit> {
  const request = wellFormedRequestArbitrary({
    method: readMethodArbitrary(),
    path: pathArbitrary(c),
    headers: requestHeadersArbitrary(),
    body: fc.constant(null),
  });
  return fc
    .tuple(fc.array(request, { minLength: 1, maxLength: c.maxRequestsPerUnit, size: 'max' }), fc.integer({ min: 1, max: c.maxConnections }))
    .map(
      ([requests, connections]): ClientUnit => ({
        kind: 'client',
        family: 'get',
        connections: safeConnectionCount(requests, connections),
        requests,
      }),
    );
}
