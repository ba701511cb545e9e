import fc from 'fast-check';
import type { HeaderPair, RawFraming, RawRequest } from '../unit.js';
import { fitFraming } from './framing.js';
import { fitHeadBudget } from './head-budget.js';
import type { MethodAndBody } from './method-and-body.js';

export interface RawRequestParts {
  readonly methodAndBody: fc.Arbitrary<MethodAndBody>;
  readonly target: fc.Arbitrary<string>;
  readonly version: fc.Arbitrary<RawRequest['version']>;
  readonly headers: fc.Arbitrary<readonly HeaderPair[]>;
  readonly framing: fc.Arbitrary<RawFraming>;
}

/** A well-formed raw request (no flaw) built from the family's parts. */
export function rawRequestArbitrary(parts: RawRequestParts): fc.Arbitrary<RawRequest> {
  return fc.tuple(parts.methodAndBody, parts.target, parts.version, parts.headers, parts.framing).map(
    ([[method, body], target, version, headers, framing]): RawRequest => ({
      kind: 'request',
      method,
      target,
      version,
      headers: fitHeadBudget(target, headers),
      body,
      // Chunked framing does not exist in HTTP/1.0: such bodies fall back to Content-Length.
      framing: version === 'HTTP/1.0' ? { kind: 'length' } : fitFraming(framing, body?.size ?? 0),
      flaw: null,
    }),
  );
}
