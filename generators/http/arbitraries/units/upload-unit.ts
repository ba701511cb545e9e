import fc from 'fast-check';
import type { ResolvedHttpConstraints } from '../../constraints.js';
import type { BodyPlan, ClientUnit, HeaderPair } from '../../unit.js';
import { compact, presentOneIn } from '../optional.js';
import { dynamicPathArbitrary } from '../path.js';
import { requestHeadersArbitrary } from '../request-headers.js';
import { wellFormedRequestArbitrary } from '../well-formed-request.js';

const KIB_64 = 64 * 1024;
const MIB = 1024 * 1024;

/**
 * A large body: past the 64 KiB most servers buffer in memory, often past the 1 MiB at which they
 * start another temp file or refuse. Sent whole or in pieces (a slow client, appended to what
 * was spooled).
 */
function uploadPlanArbitrary(maxBytes: number): fc.Arbitrary<BodyPlan> {
  const top = Math.max(KIB_64 + 1, maxBytes);
  const size = fc.oneof(
    { weight: 1, arbitrary: fc.integer({ min: KIB_64 + 1, max: Math.min(top, MIB) }) },
    { weight: 2, arbitrary: fc.integer({ min: Math.min(top, MIB + 1), max: top }) },
  );
  // Mostly in pieces: how a server spools a body depends on how it arrives (one read or many,
  // appended with pwrite or gathered with pwritev), and a fast loopback sends it all at once.
  const pieces = fc.oneof({ weight: 1, arbitrary: fc.constant(1) }, { weight: 2, arbitrary: fc.integer({ min: 2, max: 16 }) });
  return fc
    .tuple(size, fc.integer({ min: 1, max: 0x7fffffff }), pieces)
    .map(([bytes, seed, n]): BodyPlan => ({ size: Math.min(bytes, maxBytes), seed, ...(n > 1 ? { pieces: n } : {}) }));
}

/** Uploads: large POST and PUT bodies to the paths where a program reads them (CGI, scripts, forms). */
export function uploadUnitArbitrary(c: ResolvedHttpConstraints): fc.Arbitrary<ClientUnit> {
  const contentType = presentOneIn(
    fc.constantFrom('application/octet-stream', 'application/x-www-form-urlencoded', 'text/plain').map((v): HeaderPair => ['Content-Type', v]),
    2,
  ).map((pair) => compact([pair]));
  const request = wellFormedRequestArbitrary({
    method: fc.constantFrom('POST', 'PUT'),
    path: dynamicPathArbitrary(c),
    headers: requestHeadersArbitrary(contentType),
    body: uploadPlanArbitrary(c.maxBodyBytes),
  });
  return fc
    .array(request, { minLength: 1, maxLength: Math.min(2, c.maxRequestsPerUnit), size: 'max' })
    .map((requests): ClientUnit => ({ kind: 'client', family: 'upload', connections: 1, requests }));
}
