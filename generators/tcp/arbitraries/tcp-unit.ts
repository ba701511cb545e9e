import fc from 'fast-check';
import type { TcpFamily, TcpStepKind, TcpUnit } from '../unit.js';
import type { TcpContext } from './context.js';
import { burstUnitArbitrary } from './units/burst-unit.js';
import { connectCloseUnitArbitrary } from './units/connect-close-unit.js';
import { halfCloseUnitArbitrary } from './units/half-close-unit.js';
import { holdUnitArbitrary } from './units/hold-unit.js';
import { randomBytesUnitArbitrary } from './units/random-bytes-unit.js';
import { recordedBytesUnitArbitrary } from './units/recorded-bytes-unit.js';
import { resetUnitArbitrary } from './units/reset-unit.js';
import { slowUnitArbitrary } from './units/slow-unit.js';

interface FamilySpec {
  /** Share of the stream. */
  readonly weight: number;
  readonly build: (ctx: TcpContext) => fc.Arbitrary<TcpUnit>;
  /** Step kinds a unit of the family may hold; mutation keeps to them. */
  readonly steps: readonly TcpStepKind[];
  /** Fewest steps per connection. */
  readonly minSteps: number;
  /** Fewest connections, for the families made of several; null: always one connection. */
  readonly minConnections: number | null;
}

/** Each family's arbitrary, its share of the stream (talking dominates, idling is slow) and its steps. */
export const FAMILY_ARBITRARIES: Readonly<Record<TcpFamily, FamilySpec>> = {
  'connect-close': { weight: 1, build: connectCloseUnitArbitrary, steps: [], minSteps: 0, minConnections: 1 },
  hold: { weight: 1, build: holdUnitArbitrary, steps: ['send', 'pause'], minSteps: 1, minConnections: null },
  'half-close': { weight: 2, build: halfCloseUnitArbitrary, steps: ['send', 'random'], minSteps: 0, minConnections: null },
  reset: { weight: 1, build: resetUnitArbitrary, steps: ['send', 'random'], minSteps: 0, minConnections: null },
  'random-bytes': { weight: 2, build: randomBytesUnitArbitrary, steps: ['random'], minSteps: 1, minConnections: null },
  'recorded-bytes': { weight: 3, build: recordedBytesUnitArbitrary, steps: ['send'], minSteps: 1, minConnections: null },
  slow: { weight: 1, build: slowUnitArbitrary, steps: ['trickle'], minSteps: 1, minConnections: null },
  burst: { weight: 1, build: burstUnitArbitrary, steps: ['send', 'random'], minSteps: 1, minConnections: 2 },
};

/** Any unit of the families the constraints enable. */
export function tcpUnitArbitrary(ctx: TcpContext): fc.Arbitrary<TcpUnit> {
  return fc.oneof(
    ...ctx.c.families.map((family) => ({ weight: FAMILY_ARBITRARIES[family].weight, arbitrary: FAMILY_ARBITRARIES[family].build(ctx) })),
  );
}
