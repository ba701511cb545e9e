import fc from 'fast-check';
import type { TcpUnit } from '../../unit.js';
import type { TcpContext } from '../context.js';

/** Open and close at once, on one to three connections: the accept path and an empty read. */
export function connectCloseUnitArbitrary({ c }: TcpContext): fc.Arbitrary<TcpUnit> {
  return fc.integer({ min: 1, max: Math.min(3, c.maxConnections) }).map((count) => ({
    family: 'connect-close',
    connections: Array.from({ length: count }, () => ({ steps: [], ending: 'close' }) as const),
  }));
}
