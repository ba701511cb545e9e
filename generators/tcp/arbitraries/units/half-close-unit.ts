import fc from 'fast-check';
import type { TcpUnit } from '../../unit.js';
import type { TcpContext } from '../context.js';
import { payloadStepArbitrary } from '../short-step.js';

/** Send nothing or a few payloads, then FIN, then read until the server closes: its EOF path. */
export function halfCloseUnitArbitrary(ctx: TcpContext): fc.Arbitrary<TcpUnit> {
  return fc.array(payloadStepArbitrary(ctx), { maxLength: 3, size: 'max' }).map((steps) => ({
    family: 'half-close',
    connections: [{ steps, ending: 'half-close' }],
  }));
}
