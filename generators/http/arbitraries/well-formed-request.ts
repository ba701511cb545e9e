import fc from 'fast-check';
import type { BodyPlan, HeaderPair, WellFormedRequest } from '../unit.js';
import { fitHeadBudget } from './head-budget.js';

export interface WellFormedRequestParts {
  readonly method: fc.Arbitrary<string>;
  readonly path: fc.Arbitrary<string>;
  readonly headers: fc.Arbitrary<readonly HeaderPair[]>;
  readonly body: fc.Arbitrary<BodyPlan | null>;
}

/** A request for undici built from the family's parts, its head kept within budget. */
export function wellFormedRequestArbitrary(parts: WellFormedRequestParts): fc.Arbitrary<WellFormedRequest> {
  return fc.tuple(parts.method, parts.path, parts.headers, parts.body).map(
    ([method, path, headers, body]): WellFormedRequest => ({
      method,
      path,
      headers: fitHeadBudget(path, headers),
      body,
    }),
  );
}
