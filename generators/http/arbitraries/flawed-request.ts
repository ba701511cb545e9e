import fc from 'fast-check';
import type { ResolvedHttpConstraints } from '../constraints.js';
import type { BodyPlan, RawFraming, RawRequest, RequestFlaw } from '../unit.js';
import { bodyPlanArbitrary } from './body-plan.js';
import { everydayHeadersArbitrary } from './everyday-headers.js';
import { fitFraming, framingArbitrary } from './framing.js';
import { httpVersionArbitrary } from './http-version.js';
import { presentOneIn } from './optional.js';
import { rawTargetArbitrary } from './raw-target.js';
import { requestFlawArbitrary } from './request-flaw.js';

// Never HEAD: a refused HEAD gets a 400 head without its body, which a reader cannot frame.
const FLAWED_METHODS = ['GET', 'POST', 'PUT', 'OPTIONS', 'DELETE'];

// Flawed requests carry small bodies: a server that refuses early must not leave megabytes unread.
const FLAWED_BODY_BYTES = 4096;

const SMALL_BODY: BodyPlan = { size: 16, seed: 1 };

/** Adjusts the request so the flaw is meaningful (a chunk-size flaw needs a chunked body...). */
function requestFor(flaw: RequestFlaw, base: RawRequest): RawRequest {
  switch (flaw.kind) {
    case 'invalid-chunk-size': {
      const body = base.body ?? SMALL_BODY;
      return { ...base, version: 'HTTP/1.1', body, framing: fitFraming({ kind: 'chunked', chunkSize: 8 }, body.size) };
    }
    case 'bad-header': {
      const aboutLength = flaw.variant === 'duplicate-content-length' || flaw.variant === 'invalid-content-length';
      return aboutLength ? { ...base, body: base.body ?? SMALL_BODY, framing: { kind: 'length' } } : base;
    }
    case 'missing-host':
      return { ...base, version: 'HTTP/1.1' };
    case 'slowloris':
      return { ...base, body: null };
    default:
      return base;
  }
}

/** A raw request with one deliberate defect. */
export function flawedRequestArbitrary(c: ResolvedHttpConstraints): fc.Arbitrary<RawRequest> {
  return fc
    .tuple(
      requestFlawArbitrary(),
      fc.constantFrom(...FLAWED_METHODS),
      rawTargetArbitrary(c),
      fc.oneof({ weight: 4, arbitrary: fc.constant<RawRequest['version']>('HTTP/1.1') }, httpVersionArbitrary()),
      everydayHeadersArbitrary(),
      presentOneIn(bodyPlanArbitrary(Math.min(FLAWED_BODY_BYTES, c.maxBodyBytes)), 2),
      framingArbitrary(),
    )
    .map(([flaw, method, target, version, headers, body, framing]) => {
      const fitted: RawFraming = version === 'HTTP/1.0' ? { kind: 'length' } : fitFraming(framing, body?.size ?? 0);
      const base: RawRequest = { kind: 'request', method, target, version, headers, body, framing: fitted, flaw };
      return requestFor(flaw, base);
    });
}
