import fc from 'fast-check';
import type { ArgContext } from '../arg-context.js';
import { blockingSecondsArbitrary } from './blocking-timeout.js';

const decimal = (min: number, max: number): fc.Arbitrary<string> => fc.integer({ min: min * 100, max: max * 100 }).map((n) => String(n / 100));

/** Score bounds for ZRANGEBYSCORE and friends: inclusive, exclusive `(`, infinities. */
const SCORE_BOUND = fc.oneof(
  { weight: 3, arbitrary: decimal(-5, 10) },
  { weight: 2, arbitrary: fc.constantFrom('-inf', '+inf', 'inf') },
  { weight: 2, arbitrary: decimal(-5, 10).map((v) => `(${v}`) },
  { weight: 1, arbitrary: fc.constantFrom('nan', '(', 'x') },
);

/** A value for an argument of type double, by name. */
export function doubleArgArbitrary(name: string, ctx: ArgContext): fc.Arbitrary<string> {
  switch (name) {
    case 'timeout':
      return blockingSecondsArbitrary(ctx.c);
    case 'longitude':
      return fc.oneof({ weight: 8, arbitrary: decimal(-180, 180) }, { weight: 1, arbitrary: fc.constantFrom('180.5', '-200') });
    case 'latitude':
      return fc.oneof({ weight: 8, arbitrary: decimal(-85, 85) }, { weight: 1, arbitrary: fc.constantFrom('85.06', '-90') });
    case 'radius':
    case 'width':
    case 'height':
      return fc.oneof({ weight: 6, arbitrary: decimal(0, 5000) }, { weight: 1, arbitrary: fc.constantFrom('0', '-1', '1e9') });
    case 'min':
    case 'max':
      return SCORE_BOUND;
    default:
      // score, increment
      return fc.oneof(
        { weight: 6, arbitrary: decimal(-10, 10) },
        { weight: 1, arbitrary: fc.constantFrom('inf', '-inf', '1e308', '5e-324', 'nan', '1,5') },
      );
  }
}
