import fc from 'fast-check';
import type { TcpStep, TcpUnit } from '../../unit.js';
import type { TcpContext } from '../context.js';
import { messageArbitrary } from '../message.js';
import { pauseStepArbitrary } from '../pause-step.js';

/**
 * Open, then stay idle so the server's idle timeout can fire; half the time after the first
 * half of a message, so a read timeout (a request that never completes) can fire instead.
 */
export function holdUnitArbitrary(ctx: TcpContext): fc.Arbitrary<TcpUnit> {
  const prefix = messageArbitrary(ctx).map((message): TcpStep => ({ kind: 'send', data: message.slice(0, Math.max(1, message.length >> 1)) }));
  return fc.tuple(fc.boolean(), prefix, pauseStepArbitrary(ctx.c.holdMs)).map(([partial, start, pause]) => ({
    family: 'hold',
    connections: [{ steps: partial ? [start, pause] : [pause], ending: 'await-reply' }],
  }));
}
