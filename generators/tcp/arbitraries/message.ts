import fc from 'fast-check';
import type { TcpStep } from '../unit.js';
import type { TcpContext } from './context.js';

/**
 * A message of the pool, at most `maxBytes` long: the server's own (recorded) ones three times
 * as often as the probes. Some probe is always short enough.
 */
export function messageArbitrary({ pool }: TcpContext, maxBytes = Number.POSITIVE_INFINITY): fc.Arbitrary<string> {
  const fits = (m: string): boolean => m.length <= maxBytes;
  const probes = pool.probes.filter(fits);
  const recorded = pool.recorded.filter(fits);
  const probe = fc.constantFrom(...(probes.length > 0 ? probes : pool.probes.map((m) => m.slice(0, maxBytes))));
  if (recorded.length === 0) return probe;
  return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...recorded) }, { weight: 1, arbitrary: probe });
}

export function sendStepArbitrary(ctx: TcpContext, maxBytes?: number): fc.Arbitrary<TcpStep> {
  return messageArbitrary(ctx, maxBytes).map((data) => ({ kind: 'send', data }));
}
