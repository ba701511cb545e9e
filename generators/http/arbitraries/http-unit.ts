import fc from 'fast-check';
import type { ResolvedHttpConstraints } from '../constraints.js';
import type { HttpFamily, HttpUnit } from '../unit.js';
import { bodyUnitArbitrary } from './units/body-unit.js';
import { burstUnitArbitrary } from './units/burst-unit.js';
import { chunkedUnitArbitrary } from './units/chunked-unit.js';
import { conditionalUnitArbitrary } from './units/conditional-unit.js';
import { expectUnitArbitrary } from './units/expect-unit.js';
import { getUnitArbitrary } from './units/get-unit.js';
import { http10UnitArbitrary } from './units/http10-unit.js';
import { malformedUnitArbitrary } from './units/malformed-unit.js';
import { methodsUnitArbitrary } from './units/methods-unit.js';
import { pipelineUnitArbitrary } from './units/pipeline-unit.js';
import { rangeUnitArbitrary } from './units/range-unit.js';
import { uploadUnitArbitrary } from './units/upload-unit.js';
import { formUnitArbitrary } from './units/form-unit.js';

type UnitArbitraryFactory = (c: ResolvedHttpConstraints) => fc.Arbitrary<HttpUnit>;

/** Each family's arbitrary and its share of the stream: plain reads dominate, odd traffic stays frequent. */
export const FAMILY_ARBITRARIES: Readonly<Record<HttpFamily, { weight: number; build: UnitArbitraryFactory }>> = {
  get: { weight: 4, build: getUnitArbitrary },
  methods: { weight: 1, build: methodsUnitArbitrary },
  range: { weight: 3, build: rangeUnitArbitrary },
  conditional: { weight: 2, build: conditionalUnitArbitrary },
  body: { weight: 2, build: bodyUnitArbitrary },
  chunked: { weight: 1, build: chunkedUnitArbitrary },
  expect: { weight: 1, build: expectUnitArbitrary },
  pipeline: { weight: 2, build: pipelineUnitArbitrary },
  http10: { weight: 1, build: http10UnitArbitrary },
  malformed: { weight: 3, build: malformedUnitArbitrary },
  burst: { weight: 1, build: burstUnitArbitrary },
  upload: { weight: 1, build: uploadUnitArbitrary },
  form: { weight: 2, build: formUnitArbitrary },
};

/** Any unit of the families the constraints enable. */
export function httpUnitArbitrary(c: ResolvedHttpConstraints): fc.Arbitrary<HttpUnit> {
  const choices = c.families.map((family) => ({
    weight: FAMILY_ARBITRARIES[family].weight,
    arbitrary: FAMILY_ARBITRARIES[family].build(c),
  }));
  return fc.oneof(...choices);
}
