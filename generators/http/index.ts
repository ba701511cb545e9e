import type { WorkloadGenerator } from '../types.js';
import { httpUnitArbitrary } from './arbitraries/http-unit.js';
import { seededStream } from './_internals/seeded-stream.js';
import { resolveHttpConstraints, type HttpConstraints } from './constraints.js';
import { describeUnit, familyOf } from './describe.js';
import { executeHttpUnit } from './execute.js';
import type { HttpUnit } from './unit.js';

/**
 * An HTTP/1.x workload generator: well-formed requests through undici and hand-written (often
 * malformed) bytes through node:net, in seeded, replayable units.
 */
export function createHttpGenerator(constraints?: HttpConstraints): WorkloadGenerator<HttpUnit> {
  const arbitrary = httpUnitArbitrary(resolveHttpConstraints(constraints));
  return {
    name: 'http',
    units: (seed) => seededStream(arbitrary, seed),
    execute: executeHttpUnit,
    family: familyOf,
    describe: describeUnit,
  };
}

/** The HTTP generator with default constraints (the nginx target's paths). */
export const httpGenerator: WorkloadGenerator<HttpUnit> = createHttpGenerator();

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
