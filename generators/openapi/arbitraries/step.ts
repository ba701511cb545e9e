import fc from 'fast-check';
import type { OperationSpec } from '../model/operation.js';
import type { OpenApiStep } from '../unit.js';
import { bodyArbitrary } from './body.js';
import type { GenerationLimits, ValueMode } from './limits.js';
import { parametersArbitrary } from './parameter.js';

/**
 * One request to the operation with values that pass its validation. `withBody` sends an
 * optional body every time (a flaw is then applied to it).
 */
export function stepArbitrary(op: OperationSpec, mode: ValueMode, limits: GenerationLimits, withBody = false): fc.Arbitrary<OpenApiStep> {
  return fc
    .tuple(parametersArbitrary(op.parameters, mode, limits), bodyArbitrary(op.body, mode, limits, withBody))
    .map(([parameters, body]) => ({ method: op.method, pathTemplate: op.pathTemplate, parameters, body, intent: mode }));
}
