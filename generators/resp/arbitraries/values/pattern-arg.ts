import fc from 'fast-check';

/**
 * Glob patterns (KEYS, SCAN MATCH, PSUBSCRIBE, SORT BY/GET). Channel patterns never match
 * `__keyspace@...`: keyspace events from active expiry come whenever the clock says, and a
 * subscriber to them would answer differently on every run.
 */
export function patternArbitrary(command: string): fc.Arbitrary<string> {
  if (['psubscribe', 'punsubscribe', 'pubsub|channels', 'pubsub|shardchannels'].includes(command)) {
    return fc.constantFrom('ch:*', 'ch:?', 'ch:[0-1]', 'ch:[^0]*', 'ch:\\*', 'nomatch*');
  }
  if (command === 'sort' || command === 'sort_ro') {
    return fc.constantFrom('nosort', 'str:*', 'hash:*->f0', '#', 'weight_*', 'str:*->x');
  }
  return fc.constantFrom('*', 'str:*', 'list:?', 'h*', '[sz]*:[0-3]', 'm?', 'f[0-9]', '*:\\*', 'no-such-*');
}
