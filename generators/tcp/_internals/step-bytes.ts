// The HTTP generator's seeded body bytes: the same (size, seed) gives the same bytes everywhere.
import { bodyBytes } from '../../http/_internals/body-bytes.js';
import type { TcpStep } from '../unit.js';

/** The bytes a send or random step writes. */
export function stepBytes(step: Extract<TcpStep, { kind: 'send' | 'random' }>): Buffer {
  return step.kind === 'send' ? Buffer.from(step.data, 'latin1') : bodyBytes(step);
}
