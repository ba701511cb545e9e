import fc from 'fast-check';
import type { ResolvedHttpConstraints } from '../../constraints.js';
import type { ClientUnit, HeaderPair } from '../../unit.js';
import { bodyPlanArbitrary } from '../body-plan.js';
import { bodyMethodArbitrary } from '../method.js';
import { compact, presentOneIn } from '../optional.js';
import { dynamicPathArbitrary, pathArbitrary } from '../path.js';
import { requestHeadersArbitrary } from '../request-headers.js';
import { wellFormedRequestArbitrary } from '../well-formed-request.js';

const CONTENT_TYPES = ['application/octet-stream', 'application/x-www-form-urlencoded', 'text/plain; charset=utf-8'];

/** Requests with a body, empty to `maxBodyBytes` (client_body_buffer_size, temp files, discard). */
export function bodyUnitArbitrary(c: ResolvedHttpConstraints): fc.Arbitrary<ClientUnit> {
  const contentType = presentOneIn(
    fc.constantFrom(...CONTENT_TYPES).map((value): HeaderPair => ['Content-Type', value]),
    2,
  ).map((pair) => compact([pair]));
  const request = wellFormedRequestArbitrary({
    method: bodyMethodArbitrary(),
    // Bodies matter most where a program reads them: dynamic-looking paths get a large share.
    path: fc.oneof({ weight: 3, arbitrary: pathArbitrary(c) }, { weight: 2, arbitrary: dynamicPathArbitrary(c) }),
    headers: requestHeadersArbitrary(contentType),
    body: bodyPlanArbitrary(c.maxBodyBytes),
  });
  return fc
    .array(request, { minLength: 1, maxLength: Math.min(3, c.maxRequestsPerUnit), size: 'max' })
    .map((requests): ClientUnit => ({ kind: 'client', family: 'body', connections: 1, requests }));
}
