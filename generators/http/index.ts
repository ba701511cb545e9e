import type { GuidedGenerator } from '../types.js';
import { httpUnitArbitrary } from './arbitraries/http-unit.js';
import { seededStream } from '../_shared/seeded-stream.js';
import { resolveHttpConstraints, type HttpConstraints } from './constraints.js';
import { describeUnit, familyOf } from './describe.js';
import { executeHttpUnit } from './execute.js';
import { createGuidedHttp } from './guided.js';
import type { HttpUnit } from './unit.js';

/**
 * An HTTP/1.x workload generator: well-formed requests through undici and hand-written (often
 * malformed) bytes through node:net, in seeded, replayable units.
 */
export function createHttpGenerator(constraints?: HttpConstraints): GuidedGenerator<HttpUnit> {
  const resolved = resolveHttpConstraints(constraints);
  const arbitrary = httpUnitArbitrary(resolved);
  return {
    name: 'http',
    ...createGuidedHttp(resolved),
    units: (seed) => seededStream(arbitrary, seed),
    execute: executeHttpUnit,
    family: familyOf,
    describe: describeUnit,
  };
}

/** The HTTP generator with default constraints (DEFAULT_HTTP_PATHS, 2 MiB bodies, all families). */
export const httpGenerator: GuidedGenerator<HttpUnit> = createHttpGenerator();

export { DEFAULT_HTTP_PATHS, resolveHttpConstraints } from './constraints.js';
export type { HttpConstraints, ResolvedHttpConstraints } from './constraints.js';
export { httpUnitArbitrary } from './arbitraries/http-unit.js';
export { HTTP_FAMILIES } from './unit.js';
export type {
  BodyPlan,
  ClientUnit,
  ForeignGreeting,
  HeaderPair,
  HttpFamily,
  HttpUnit,
  RawFraming,
  RawMessage,
  RawRequest,
  RawUnit,
  RequestFlaw,
  WellFormedRequest,
} from './unit.js';
