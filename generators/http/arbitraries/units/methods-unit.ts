import fc from 'fast-check';
import type { ResolvedHttpConstraints } from '../../constraints.js';
import type { ClientUnit } from '../../unit.js';
import { methodArbitrary } from '../method.js';
import { pathArbitrary } from '../path.js';
import { requestHeadersArbitrary } from '../request-headers.js';
import { wellFormedRequestArbitrary } from '../well-formed-request.js';

/** Every method, standard, unknown or invented, without a body (405/501 paths, OPTIONS, TRACE). */
export function methodsUnitArbitrary(c: ResolvedHttpConstraints): fc.Arbitrary<ClientUnit> {
  const request = wellFormedRequestArbitrary({
    method: methodArbitrary(),
    path: pathArbitrary(c),
    headers: requestHeadersArbitrary(),
    body: fc.constant(null),
  });
  return fc
    .array(request, { minLength: 1, maxLength: c.maxRequestsPerUnit, size: 'max' })
    .map((requests): ClientUnit => ({ kind: 'client', family: 'methods', connections: 1, requests }));
}
