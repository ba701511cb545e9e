import fc from 'fast-check';
import type { ParameterSpec } from '../model/operation.js';
import { typesOf, type JsonSchema } from '../schema/json-schema.js';
import { schemaToArbitrary } from '../schema/schema-to-arbitrary.js';
import type { JsonValue, StepParameter } from '../unit.js';
import { copiedConstants, type GenerationLimits, type ValueMode } from './limits.js';

/**
 * A path segment must not be empty: '/items/' routes elsewhere than '/items/{id}'. Strings get
 * at least one character unless the schema says more.
 */
function nonEmpty(schema: JsonSchema): JsonSchema {
  return typesOf(schema).includes('string') && schema.minLength === undefined ? { ...schema, minLength: 1 } : schema;
}

/** Values for one parameter: its examples in the examples phase, else schema-valid values. */
export function parameterValueArbitrary(parameter: ParameterSpec, mode: ValueMode, limits: GenerationLimits): fc.Arbitrary<JsonValue> {
  if (mode === 'example' && parameter.examples.length > 0) return copiedConstants(parameter.examples) as fc.Arbitrary<JsonValue>;
  const schema = parameter.in === 'path' ? nonEmpty(parameter.schema) : parameter.schema;
  const charset = parameter.in === 'path' ? 'token' : 'text';
  return schemaToArbitrary(schema, { ...limits, charset, preferExamples: mode === 'example' }) as fc.Arbitrary<JsonValue>;
}

export function stepParameter(parameter: ParameterSpec, value: JsonValue): StepParameter {
  return { in: parameter.in, name: parameter.name, style: parameter.style, explode: parameter.explode, value };
}

/**
 * The parameters of one request: every required one, and optional ones half the time (in the
 * examples phase, exactly those that have an example). Absent ones are left out of the list.
 */
export function parametersArbitrary(parameters: readonly ParameterSpec[], mode: ValueMode, limits: GenerationLimits): fc.Arbitrary<StepParameter[]> {
  const each = parameters.map((parameter) => {
    const value = parameterValueArbitrary(parameter, mode, limits).map((v) => stepParameter(parameter, v));
    if (parameter.required) return value;
    if (mode === 'example') return parameter.examples.length > 0 ? value : fc.constant(null);
    return fc.option(value, { nil: null, freq: 2 });
  });
  return fc.tuple(...each).map((list) => list.filter((p): p is StepParameter => p !== null));
}
