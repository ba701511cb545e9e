/**
 * Commands the generator never sends, and commands it only sends with arguments it chose itself.
 * Keys are full names as COMMAND INFO spells them (`config|set`).
 */

/** Never sent by any family, with the reason. */
export const NEVER_SENT: ReadonlyMap<string, string> = new Map([
  ['shutdown', 'stops the server'],
  ['flushall', 'wipes every database: a lifecycle event the engine decides on'],
  ['flushdb', 'wipes a database: a lifecycle event the engine decides on'],
  ['replicaof', 'makes the server replicate some other host'],
  ['slaveof', 'makes the server replicate some other host'],
  ['failover', 'hands the master role to a replica'],
  ['migrate', 'connects to another host and deletes the keys it moved'],
  ['module|load', 'loads native code'],
  ['module|loadex', 'loads native code'],
  ['module|unload', 'unloads native code'],
  ['sync', 'turns the connection into a replication stream'],
  ['psync', 'turns the connection into a replication stream'],
  ['replconf', 'replica handshake, meaningless on a client connection'],
  ['client|reply', 'silences replies, so answers no longer match their commands'],
  ['script|debug', 'SYNC mode blocks the whole server inside a Lua debugging session'],
  ['pfselftest', 'keeps the (single-threaded) server busy for seconds'],
  ['cluster|meet', 'connects to another host (refused outside cluster mode, but never worth the risk)'],
  ['cluster|failover', 'hands the master role to a replica in cluster mode'],
  ['cluster|reset', 'forgets the whole cluster in cluster mode'],
  ['cluster|forget', 'drops a node from the cluster in cluster mode'],
  ['cluster|replicate', 'turns the node into a replica in cluster mode'],
]);

/**
 * Sent only by the admin and persistence families, which give them safe arguments: a random
 * CONFIG SET could move `dir` or set `requirepass`, a random CLIENT KILL could kill the unit's own
 * connection, a random ACL SETUSER could lock the default user out, DEBUG has SEGFAULT and
 * RESTART, CLIENT PAUSE takes milliseconds that could freeze the server for days.
 */
export const CURATED_ONLY: ReadonlySet<string> = new Set([
  'config|set',
  'client|kill',
  'client|pause',
  'acl|setuser',
  'acl|deluser',
  'acl|load',
  'debug',
  'monitor',
]);

/** True when random generation may pick the command from the grammar. */
export function isRandomPick(fullName: string): boolean {
  return !NEVER_SENT.has(fullName) && !CURATED_ONLY.has(fullName);
}
