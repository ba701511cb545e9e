import type fc from 'fast-check';
import type { TcpUnit } from '../../unit.js';
import type { TcpContext } from '../context.js';
import { trickleStepArbitrary } from '../trickle-step.js';

/** A message trickled one byte per write: every byte is its own read, partial-message paths. */
export function slowUnitArbitrary(ctx: TcpContext): fc.Arbitrary<TcpUnit> {
  return trickleStepArbitrary(ctx).map((trickle) => ({
    family: 'slow',
    connections: [{ steps: [trickle], ending: 'await-reply' }],
  }));
}
