import fc from 'fast-check';
import type { TcpUnit } from '../../unit.js';
import type { TcpContext } from '../context.js';
import { randomStepArbitrary } from '../random-step.js';

/** One to three writes of seeded random bytes (1 B up to maxBytes each): the parser's error paths. */
export function randomBytesUnitArbitrary({ c }: TcpContext): fc.Arbitrary<TcpUnit> {
  return fc.array(randomStepArbitrary(c.maxBytes), { minLength: 1, maxLength: 3, size: 'max' }).map((steps) => ({
    family: 'random-bytes',
    connections: [{ steps, ending: 'await-reply' }],
  }));
}
