import fc from 'fast-check';

/**
 * Parameters CONFIG SET may change, with the values it may give them. Each switches a server
 * path on or off (fsync policy, lazy freeing, encodings, compression, the bio and jemalloc
 * threads, oom_score_adj writes) without moving files, dropping clients, evicting keys at random
 * or changing when background saves start. Never here: dir, dbfilename, requirepass, bind, port,
 * protected-mode, save, maxmemory, timeout, maxclients, auto-aof-rewrite-*, client limits.
 */
export const SAFE_CONFIG_VALUES: Readonly<Record<string, readonly string[]>> = {
  appendonly: ['yes', 'no'],
  appendfsync: ['always', 'everysec', 'no'],
  'no-appendfsync-on-rewrite': ['yes', 'no'],
  'aof-use-rdb-preamble': ['yes', 'no'],
  'aof-timestamp-enabled': ['yes', 'no'],
  'aof-rewrite-incremental-fsync': ['yes', 'no'],
  'rdb-save-incremental-fsync': ['yes', 'no'],
  rdbcompression: ['yes', 'no'],
  'lazyfree-lazy-user-del': ['yes', 'no'],
  'lazyfree-lazy-expire': ['yes', 'no'],
  'lazyfree-lazy-server-del': ['yes', 'no'],
  'lazyfree-lazy-user-flush': ['yes', 'no'],
  activedefrag: ['yes', 'no'],
  'jemalloc-bg-thread': ['yes', 'no'],
  activerehashing: ['yes', 'no'],
  'dynamic-hz': ['yes', 'no'],
  hz: ['10', '50', '100'],
  'active-expire-effort': ['1', '5', '10'],
  'list-compress-depth': ['0', '1', '2'],
  'list-max-listpack-size': ['-2', '-1', '4', '128'],
  'hash-max-listpack-entries': ['2', '128', '512'],
  'set-max-intset-entries': ['2', '512'],
  'zset-max-listpack-entries': ['2', '128'],
  'stream-node-max-entries': ['2', '100'],
  'hll-sparse-max-bytes': ['0', '3000'],
  'slowlog-log-slower-than': ['0', '10000', '-1'],
  'slowlog-max-len': ['1', '128'],
  'latency-monitor-threshold': ['0', '1', '100'],
  'latency-tracking': ['yes', 'no'],
  'notify-keyspace-events': ['', 'KEA', 'Ex', 'g$lshz'],
  'oom-score-adj': ['no', 'yes', 'relative'],
  'maxmemory-policy': ['noeviction', 'allkeys-lru', 'volatile-lfu'],
  'lfu-log-factor': ['0', '10'],
  'busy-reply-threshold': ['5000'],
  'tcp-keepalive': ['0', '300'],
  loglevel: ['notice', 'verbose', 'warning'],
};

export const SAFE_CONFIG_PARAMETERS = Object.keys(SAFE_CONFIG_VALUES);

/** `CONFIG SET` pairs: one parameter usually, several at once sometimes (Redis 7 takes many). */
export function configSetPairsArbitrary(only?: readonly string[]): fc.Arbitrary<string[]> {
  const names = only ?? SAFE_CONFIG_PARAMETERS;
  const pair = fc.constantFrom(...names).chain((name) => fc.constantFrom(...SAFE_CONFIG_VALUES[name]!).map((value) => [name, value]));
  return fc
    .array(pair, { minLength: 1, maxLength: 3 })
    .map((pairs) => pairs.filter(([name], i) => pairs.findIndex(([other]) => other === name) === i).flat());
}

/** What CONFIG GET asks for: safe names, globs and a few read-only ones. */
export const CONFIG_GET_PATTERNS: readonly string[] = [
  ...SAFE_CONFIG_PARAMETERS.slice(0, 12),
  'save',
  'dir',
  'maxmemory',
  'databases',
  'enable-debug-command',
  '*max-*-entries*',
  'append*',
  'lazyfree-*',
  'nosuch-parameter',
];
