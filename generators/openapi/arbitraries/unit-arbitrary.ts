import fc from 'fast-check';
import type { OpenApiModel, OperationSpec } from '../model/operation.js';
import type { OpenApiStep, OpenApiUnit } from '../unit.js';
import { chainPlan, type PlannedStep } from './chain.js';
import { invalidStepArbitrary } from './invalid-step.js';
import type { GenerationLimits } from './limits.js';
import { stepArbitrary } from './step.js';

/** How a unit's main request is drawn: examples, schema-valid values, or one deliberate flaw. */
export type UnitMode = 'example' | 'valid' | 'invalid';

export interface UnitLimits extends GenerationLimits {
  readonly maxSteps: number;
}

/** The planned step's path parameters as references to the producers' answers (values stay as fallback). */
function linked(step: OpenApiStep, planned: PlannedStep): OpenApiStep {
  if (planned.refs.length === 0) return step;
  const parameters = step.parameters.map((p) => {
    const link = p.in === 'path' ? planned.refs.find((r) => r.name === p.name) : undefined;
    return link ? { ...p, $ref: link.ref } : p;
  });
  return { ...step, parameters };
}

/**
 * Units for one operation: the producers its path parameters need (valid requests, chained by
 * reference), then the main request. One unit in eight goes unchained (made-up ids reach the
 * not-found paths); so does a unit whose flaw is a bad parameter, which a reference would hide.
 */
export function unitArbitrary(model: OpenApiModel, op: OperationSpec, mode: UnitMode, limits: UnitLimits): fc.Arbitrary<OpenApiUnit> {
  const planned = chainPlan(model, op, limits.maxSteps);
  const producers = planned.slice(0, -1);
  const mainPlan = planned.at(-1)!;
  const stepMode = mode === 'example' ? 'example' : 'valid';
  const main = mode === 'invalid' ? invalidStepArbitrary(op, limits) : stepArbitrary(op, stepMode, limits);
  const chained =
    mode === 'example' || producers.length === 0
      ? fc.constant(true)
      : fc.oneof({ weight: 7, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });
  return fc
    .tuple(fc.tuple(...producers.map((p) => stepArbitrary(p.op, stepMode, limits))), main, chained)
    .map(([producerSteps, mainStep, chain]): OpenApiUnit => {
      const steps =
        chain && mainStep.intent !== 'bad-parameter'
          ? [...producerSteps.map((s, i) => linked(s, producers[i]!)), linked(mainStep, mainPlan)]
          : [mainStep];
      return { family: op.family, basePath: model.basePath, steps };
    });
}
