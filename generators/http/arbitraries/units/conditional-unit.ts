import fc from 'fast-check';
import type { ResolvedHttpConstraints } from '../../constraints.js';
import type { ClientUnit, WellFormedRequest } from '../../unit.js';
import { conditionalHeadersArbitrary } from '../conditional-headers.js';
import { fitHeadBudget } from '../head-budget.js';
import { readMethodArbitrary } from '../method.js';
import { existingPathArbitrary, pathArbitrary } from '../path.js';
import { requestHeadersArbitrary } from '../request-headers.js';

/**
 * A plain GET that learns the ETag and Last-Modified of a path, then conditional requests on the
 * same path that reuse them (304, 412) or contradict them (200).
 */
export function conditionalUnitArbitrary(c: ResolvedHttpConstraints): fc.Arbitrary<ClientUnit> {
  const path = fc.oneof({ weight: 5, arbitrary: existingPathArbitrary(c) }, { weight: 1, arbitrary: pathArbitrary(c) });
  const conditional = fc.tuple(readMethodArbitrary(), requestHeadersArbitrary(conditionalHeadersArbitrary()));
  return fc
    .tuple(path, fc.array(conditional, { minLength: 1, maxLength: Math.max(1, c.maxRequestsPerUnit - 1), size: 'max' }))
    .map(([target, followUps]): ClientUnit => {
      const prime: WellFormedRequest = { method: 'GET', path: target, headers: [], body: null };
      const requests = followUps.map(([method, headers]): WellFormedRequest => {
        return { method, path: target, headers: fitHeadBudget(target, headers), body: null };
      });
      const all = c.maxRequestsPerUnit > 1 ? [prime, ...requests] : requests;
      return { kind: 'client', family: 'conditional', connections: 1, requests: all };
    });
}
