import { InputFileError } from '../../src/shared/errors.js';
import type { GuidedGenerator } from '../types.js';
import { resolveOpenApiConstraints, type OpenApiConstraints } from './constraints.js';
import { describeUnit, familyOf } from './describe.js';
import { executeOpenApiUnit } from './execute.js';
import { generateUnit, prepared, unitStream, type Prepared } from './generate.js';
import { loadOpenApiDocument } from './model/load-document.js';
import { mutateUnit } from './mutate.js';
import type { OpenApiUnit } from './unit.js';

/**
 * An HTTP workload generator driven by an OpenAPI description (Swagger 2.0, OpenAPI 3.0, 3.1):
 * one family per operation; units are short request chains (producers of path parameters,
 * then the operation) with example, schema-valid and deliberately invalid values. prepare()
 * reads the description; units are concrete JSON and replay without it.
 */
export function createOpenApiGenerator(constraints: OpenApiConstraints): GuidedGenerator<OpenApiUnit> {
  const c = resolveOpenApiConstraints(constraints);
  let state: Prepared | null = null;
  const current = (): Prepared => {
    if (!state) throw new Error('openapi generator: prepare() has not read the description yet');
    return state;
  };
  return {
    name: 'openapi',
    // A getter: the operations are known only once prepare() has read the description.
    get families() {
      return state?.families ?? [];
    },
    async prepare(endpoint, options) {
      const model = await loadOpenApiDocument(c.source, endpoint, options.timeoutMs);
      if (model.operations.length === 0) throw new InputFileError(`${model.source}: the description has no operations`);
      state = prepared(model, c);
    },
    units: (seed) => unitStream(current, c, seed),
    generate: (family, seed) => generateUnit(current(), c, family, seed),
    mutate: (parent, seed, donor) => mutateUnit(parent, seed, donor, state, c.maxSteps),
    execute: executeOpenApiUnit,
    family: familyOf,
    describe: describeUnit,
  };
}

export { loadOpenApiDocument } from './model/load-document.js';
export type { OpenApiSource } from './model/load-document.js';
export type { OpenApiConstraints } from './constraints.js';
export { schemaToArbitrary } from './schema/schema-to-arbitrary.js';
export type * from './model/operation.js';
export type * from './unit.js';
