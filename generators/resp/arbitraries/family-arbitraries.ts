import type fc from 'fast-check';
import { GROUP_FAMILIES, type RespFamily, type RespUnit } from '../unit.js';
import type { FamilyInputs } from './family-inputs.js';
import { adminUnitArbitrary } from './units/admin-unit.js';
import { blockingUnitArbitrary } from './units/blocking-unit.js';
import { expiryUnitArbitrary } from './units/expiry-unit.js';
import { groupUnitArbitrary } from './units/group-unit.js';
import { largeUnitArbitrary } from './units/large-unit.js';
import { malformedUnitArbitrary } from './units/malformed-unit.js';
import { multiUnitArbitrary } from './units/multi-unit.js';
import { persistenceUnitArbitrary } from './units/persistence-unit.js';
import { pubsubUnitArbitrary } from './units/pubsub-unit.js';
import { scriptingUnitArbitrary } from './units/scripting-unit.js';

type Builder = (inputs: FamilyInputs) => fc.Arbitrary<RespUnit>;

/** Families with a scenario of their own; pubsub and scripting are groups too, but this wins. */
const SCENARIOS: Partial<Record<RespFamily, Builder>> = {
  pubsub: pubsubUnitArbitrary,
  scripting: scriptingUnitArbitrary,
  persistence: persistenceUnitArbitrary,
  blocking: blockingUnitArbitrary,
  multi: multiUnitArbitrary,
  admin: adminUnitArbitrary,
  large: largeUnitArbitrary,
  expiry: expiryUnitArbitrary,
  malformed: malformedUnitArbitrary,
};

/** The unit arbitrary of every family, built lazily once per set of inputs (one grammar). */
export class FamilyArbitraries {
  private readonly built = new Map<RespFamily, fc.Arbitrary<RespUnit>>();

  constructor(readonly inputs: FamilyInputs) {}

  of(family: RespFamily): fc.Arbitrary<RespUnit> {
    let arbitrary = this.built.get(family);
    if (!arbitrary) {
      const scenario = SCENARIOS[family];
      if (scenario) arbitrary = scenario(this.inputs);
      else if ((GROUP_FAMILIES as readonly string[]).includes(family))
        arbitrary = groupUnitArbitrary(family as (typeof GROUP_FAMILIES)[number], this.inputs);
      else throw new Error(`no arbitrary for redis family '${family}'`);
      this.built.set(family, arbitrary);
    }
    return arbitrary;
  }
}
