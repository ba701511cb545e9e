import fc from 'fast-check';
import type { BodyPlan } from '../unit.js';
import { bodyPlanArbitrary } from './body-plan.js';
import { bodyMethodArbitrary, readMethodArbitrary } from './method.js';

export type MethodAndBody = readonly [method: string, body: BodyPlan | null];

/** A read without a body, or (one time in four) a body-carrying method with a body. */
export function methodAndBodyArbitrary(maxBodyBytes: number): fc.Arbitrary<MethodAndBody> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.tuple(readMethodArbitrary(), fc.constant(null)) },
    { weight: 1, arbitrary: fc.tuple(bodyMethodArbitrary(), bodyPlanArbitrary(maxBodyBytes)) },
  );
}

/** A body-carrying method with a body of up to `maxBodyBytes`. */
export function methodWithBodyArbitrary(maxBodyBytes: number): fc.Arbitrary<MethodAndBody> {
  return fc.tuple(bodyMethodArbitrary(), bodyPlanArbitrary(maxBodyBytes));
}
