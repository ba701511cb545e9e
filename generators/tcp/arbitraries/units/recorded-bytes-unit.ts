import fc from 'fast-check';
import type { TcpUnit } from '../../unit.js';
import type { TcpContext } from '../context.js';
import { sendStepArbitrary } from '../message.js';

/** One to four messages of the pool (the target's, the server's banner, the probes), one write each. */
export function recordedBytesUnitArbitrary(ctx: TcpContext): fc.Arbitrary<TcpUnit> {
  return fc.array(sendStepArbitrary(ctx), { minLength: 1, maxLength: 4, size: 'max' }).map((steps) => ({
    family: 'recorded-bytes',
    connections: [{ steps, ending: 'await-reply' }],
  }));
}
