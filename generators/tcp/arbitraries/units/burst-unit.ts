import fc from 'fast-check';
import type { TcpConnectionPlan, TcpUnit } from '../../unit.js';
import type { TcpContext } from '../context.js';
import { shortStepArbitrary } from '../short-step.js';

/** Up to maxConnections connections at once, each sending something short: the server's concurrency. */
export function burstUnitArbitrary(ctx: TcpContext): fc.Arbitrary<TcpUnit> {
  const connection = shortStepArbitrary(ctx).map((step): TcpConnectionPlan => ({ steps: [step], ending: 'await-reply' }));
  const max = ctx.c.maxConnections;
  return fc.array(connection, { minLength: Math.min(2, max), maxLength: max, size: 'max' }).map((connections) => ({
    family: 'burst',
    connections,
  }));
}
