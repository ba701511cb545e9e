import { UsageError } from '../../shared/errors.js';
import { httpLoad } from './http.js';
import { postgresLoad } from './postgres.js';
import { redisLoad } from './redis.js';
import type { LoadRunner } from './types.js';

/** Load runners by the target's generator name: the protocol a target speaks picks its load. */
export const LOADS: Readonly<Record<string, LoadRunner>> = { http: httpLoad, redis: redisLoad, postgres: postgresLoad };

export function loadFor(generator: string): LoadRunner {
  const load = LOADS[generator];
  if (!load) throw new UsageError(`no load generator for protocol '${generator}' (known: ${Object.keys(LOADS).join(', ')})`);
  return load;
}
