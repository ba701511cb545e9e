import fc from 'fast-check';
import type { ResolvedHttpConstraints } from '../../constraints.js';
import type { ClientUnit } from '../../unit.js';
import { existingPathArbitrary } from '../path.js';

/**
 * Load-tool traffic: many connections at once, each with a few keep-alive GETs of existing files,
 * as wrk or ab would send. Concurrency reaches paths single requests never do (accept queues,
 * several connections per event-loop turn, workers busy at the same time).
 */
export function burstUnitArbitrary(c: ResolvedHttpConstraints): fc.Arbitrary<ClientUnit> {
  return fc
    .tuple(fc.integer({ min: 8, max: 32 }), fc.integer({ min: 2, max: 4 }), fc.array(existingPathArbitrary(c), { minLength: 1, maxLength: 4 }))
    .map(
      ([connections, perConnection, paths]): ClientUnit => ({
        kind: 'client',
        family: 'burst',
        connections,
        requests: Array.from({ length: connections * perConnection }, (_, i) => ({
          method: 'GET',
          path: paths[i % paths.length]!,
          headers: [['Accept', '*/*']],
          body: null,
        })),
      }),
    );
}
