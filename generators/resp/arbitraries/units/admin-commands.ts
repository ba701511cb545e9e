import fc from 'fast-check';
import { keyArbitrary } from '../values/key-arg.js';
import { CONFIG_GET_PATTERNS, configSetPairsArbitrary } from '../values/config-parameters.js';

/** Users the admin family creates and drops; `default` is never touched. */
const USERS = ['sf-user-0', 'sf-user-1', 'sf-user-2'];

/** ACL rules that never lock anyone out of the default user. */
const SAFE_ACL_RULES = [
  'on',
  'off',
  '>sf-pass-0',
  '<sf-pass-0',
  'nopass',
  'resetpass',
  '~*',
  '~str:*',
  '%R~*',
  'allkeys',
  'resetkeys',
  '&*',
  'allchannels',
  'resetchannels',
  '+@all',
  '-@all',
  '+@read',
  '-@dangerous',
  '+get',
  '-set',
  '+config|get',
  'reset',
];

const user = fc.constantFrom(...USERS);

export function aclCommandArbitrary(): fc.Arbitrary<string[]> {
  return fc.oneof(
    {
      weight: 3,
      arbitrary: fc
        .tuple(user, fc.uniqueArray(fc.constantFrom(...SAFE_ACL_RULES), { minLength: 1, maxLength: 4 }))
        .map(([u, rules]) => ['ACL', 'SETUSER', u, ...rules]),
    },
    { weight: 1, arbitrary: user.map((u) => ['ACL', 'DELUSER', u]) },
    { weight: 2, arbitrary: user.map((u) => ['AUTH', u, 'sf-pass-0']) },
    { weight: 1, arbitrary: user.map((u) => ['ACL', 'GETUSER', u]) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<string[]>(
        ['ACL', 'WHOAMI'],
        ['ACL', 'LIST'],
        ['ACL', 'USERS'],
        ['ACL', 'CAT'],
        ['ACL', 'CAT', 'dangerous'],
        ['ACL', 'LOG'],
        ['ACL', 'LOG', 'RESET'],
        ['ACL', 'GENPASS'],
        ['ACL', 'DRYRUN', 'sf-user-0', 'GET', 'str:0'],
        ['ACL', 'SAVE'],
        ['ACL', 'LOAD'],
      ),
    },
  );
}

/**
 * CLIENT subcommands with arguments that can never hit this unit's own connections: KILL
 * filters match nobody, PAUSE is the pause scenario's business.
 */
export function clientCommandArbitrary(): fc.Arbitrary<string[]> {
  return fc.constantFrom<string[]>(
    ['CLIENT', 'LIST'],
    ['CLIENT', 'LIST', 'TYPE', 'pubsub'],
    ['CLIENT', 'INFO'],
    ['CLIENT', 'ID'],
    ['CLIENT', 'SETNAME', 'sf-admin'],
    ['CLIENT', 'GETNAME'],
    ['CLIENT', 'NO-EVICT', 'on'],
    ['CLIENT', 'NO-EVICT', 'off'],
    ['CLIENT', 'KILL', 'ADDR', '10.255.255.1:1'],
    ['CLIENT', 'KILL', 'ID', '999999999'],
    ['CLIENT', 'KILL', 'USER', 'sf-nobody'],
    ['CLIENT', 'KILL', 'LADDR', '10.255.255.1:1', 'SKIPME', 'yes'],
    ['CLIENT', 'KILL', '10.255.255.1:1'],
    ['CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'str:'],
    ['CLIENT', 'TRACKING', 'on', 'OPTIN'],
    ['CLIENT', 'TRACKING', 'off'],
    ['CLIENT', 'CACHING', 'yes'],
    ['CLIENT', 'GETREDIR'],
    ['CLIENT', 'TRACKINGINFO'],
    ['CLIENT', 'UNPAUSE'],
    ['CLIENT', 'UNBLOCK', '999999999'],
  );
}

export function configCommandArbitrary(): fc.Arbitrary<string[]> {
  return fc.oneof(
    { weight: 3, arbitrary: configSetPairsArbitrary().map((pairs) => ['CONFIG', 'SET', ...pairs]) },
    {
      weight: 2,
      arbitrary: fc.uniqueArray(fc.constantFrom(...CONFIG_GET_PATTERNS), { minLength: 1, maxLength: 3 }).map((ps) => ['CONFIG', 'GET', ...ps]),
    },
    { weight: 1, arbitrary: fc.constantFrom<string[]>(['CONFIG', 'RESETSTAT'], ['CONFIG', 'REWRITE']) },
  );
}

/** Introspection: memory, latency, slowlog, object, info, command table, role and friends. */
export function introspectionCommandArbitrary(poolSize: number): fc.Arbitrary<string[]> {
  const key = keyArbitrary(null, poolSize);
  return fc.oneof(
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom('ENCODING', 'FREQ', 'IDLETIME', 'REFCOUNT'), key).map(([sub, k]) => ['OBJECT', sub, k]) },
    { weight: 2, arbitrary: key.map((k) => ['MEMORY', 'USAGE', k, 'SAMPLES', '0']) },
    {
      weight: 2,
      arbitrary: fc
        .uniqueArray(fc.constantFrom('server', 'clients', 'memory', 'persistence', 'stats', 'commandstats', 'keyspace', 'everything'), {
          maxLength: 2,
        })
        .map((s) => ['INFO', ...s]),
    },
    {
      weight: 3,
      arbitrary: fc.constantFrom<string[]>(
        ['MEMORY', 'STATS'],
        ['MEMORY', 'DOCTOR'],
        ['MEMORY', 'PURGE'],
        ['MEMORY', 'MALLOC-STATS'],
        ['LATENCY', 'LATEST'],
        ['LATENCY', 'DOCTOR'],
        ['LATENCY', 'HISTORY', 'command'],
        ['LATENCY', 'RESET'],
        ['LATENCY', 'HISTOGRAM', 'get', 'set'],
        ['LATENCY', 'GRAPH', 'command'],
        ['SLOWLOG', 'GET', '5'],
        ['SLOWLOG', 'LEN'],
        ['SLOWLOG', 'RESET'],
        ['COMMAND', 'COUNT'],
        ['COMMAND', 'INFO', 'get', 'config|get'],
        ['COMMAND', 'DOCS', 'set'],
        ['COMMAND', 'GETKEYS', 'SET', 'str:0', 'v'],
        ['COMMAND', 'LIST', 'FILTERBY', 'ACLCAT', 'dangerous'],
        ['LOLWUT', 'VERSION', '5'],
        ['TIME'],
        ['LASTSAVE'],
        ['ROLE'],
        ['DBSIZE'],
      ),
    },
  );
}

/** Database moves: SWAPDB, MOVE, COPY across databases, SELECT and back. */
export function databaseCommandArbitrary(poolSize: number): fc.Arbitrary<string[][]> {
  const key = keyArbitrary(null, poolSize);
  const db = fc.constantFrom('0', '1', '2', '15');
  return fc.oneof(
    fc.tuple(db, db).map(([a, b]) => [['SWAPDB', a, b]]),
    fc.tuple(key, db).map(([k, d]) => [['MOVE', k, d]]),
    fc.tuple(key, key, db, fc.boolean()).map(([a, b, d, r]) => [['COPY', a, b, 'DB', d, ...(r ? ['REPLACE'] : [])]]),
    fc.tuple(db, key).map(([d, k]) => [
      ['SELECT', d],
      ['SET', k, `in-db-${d}`],
      ['EXISTS', k],
      ['SELECT', '0'],
    ]),
  );
}

/** DEBUG subcommands that neither crash, restart, nor stop expiry; only sent when allowed. */
export function debugCommandArbitrary(poolSize: number): fc.Arbitrary<string[]> {
  const key = keyArbitrary(null, poolSize);
  return fc.oneof(
    key.map((k) => ['DEBUG', 'OBJECT', k]),
    key.map((k) => ['DEBUG', 'DIGEST-VALUE', k]),
    key.map((k) => ['DEBUG', 'LISTPACK', k]),
    fc.constantFrom('attrib', 'map', 'set', 'double', 'bignum', 'true', 'null', 'verbatim').map((t) => ['DEBUG', 'PROTOCOL', t]),
    fc.constantFrom<string[]>(
      ['DEBUG', 'SLEEP', '0.01'],
      ['DEBUG', 'DIGEST'],
      ['DEBUG', 'RELOAD'],
      ['DEBUG', 'LOG', 'sandfuzz'],
      ['DEBUG', 'CHANGE-REPL-ID'],
      ['DEBUG', 'ERROR', 'sandfuzz'],
    ),
  );
}
