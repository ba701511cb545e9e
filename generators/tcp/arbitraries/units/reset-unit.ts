import fc from 'fast-check';
import type { TcpUnit } from '../../unit.js';
import type { TcpContext } from '../context.js';
import { shortStepArbitrary } from '../short-step.js';

/**
 * Send nothing or something short, then RST: at once (the server may be mid-read or mid-write
 * when it learns) or after its reply (it learns on its next read).
 */
export function resetUnitArbitrary(ctx: TcpContext): fc.Arbitrary<TcpUnit> {
  return fc
    .tuple(fc.array(shortStepArbitrary(ctx), { maxLength: 2, size: 'max' }), fc.constantFrom('reset', 'await-reply-reset' as const))
    .map(([steps, ending]) => ({ family: 'reset', connections: [{ steps, ending }] }));
}
