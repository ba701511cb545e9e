import { createHash } from 'node:crypto';
import type { KeyPool } from '../../key-pools.js';

/** A Lua body for EVAL, with the pool its keys come from and how many it reads. */
export interface LuaScript {
  readonly body: string;
  readonly pool: KeyPool;
  readonly keys: number;
  /** Runs under EVAL_RO / EVALSHA_RO (no writes). */
  readonly readOnly: boolean;
}

/**
 * Small bodies touching keys through redis.call/pcall, the bundled libraries (cjson, cmsgpack,
 * bit, struct), error paths (runtime error, compile error, global write, no-writes flag) and
 * return-type conversions. Loops are bounded in the body and nothing reads a hash-ordered
 * collection, so a script's answer is the same on every server.
 */
export const LUA_SCRIPTS: readonly LuaScript[] = [
  { body: "return redis.call('SET', KEYS[1], ARGV[1] or 'v')", pool: 'str', keys: 1, readOnly: false },
  { body: "return redis.call('GET', KEYS[1])", pool: 'str', keys: 1, readOnly: true },
  { body: "return redis.call('INCRBY', KEYS[1], tonumber(ARGV[1]) or 1)", pool: 'str', keys: 1, readOnly: false },
  { body: "local n = 0 for i = 1, 10 do n = redis.call('RPUSH', KEYS[1], i) end return n", pool: 'list', keys: 1, readOnly: false },
  { body: "return #redis.call('LRANGE', KEYS[1], 0, 9)", pool: 'list', keys: 1, readOnly: true },
  { body: "return redis.pcall('HSET', KEYS[1], 'f0', ARGV[1] or 'v')", pool: 'hash', keys: 1, readOnly: false },
  { body: "return redis.call('HLEN', KEYS[1])", pool: 'hash', keys: 1, readOnly: true },
  { body: "return redis.call('ZADD', KEYS[1], 1, ARGV[1] or 'm0')", pool: 'zset', keys: 1, readOnly: false },
  { body: "return redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')", pool: 'zset', keys: 1, readOnly: true },
  { body: "return redis.call('SADD', KEYS[1], ARGV[1] or 'm0')", pool: 'set', keys: 1, readOnly: false },
  { body: "return redis.call('SCARD', KEYS[1])", pool: 'set', keys: 1, readOnly: true },
  { body: "return redis.call('PFADD', KEYS[1], 'a', 'b', ARGV[1] or 'c')", pool: 'hll', keys: 1, readOnly: false },
  { body: "return {redis.call('EXISTS', KEYS[1]), redis.call('TYPE', KEYS[1])['ok']}", pool: 'str', keys: 1, readOnly: true },
  { body: "return redis.pcall('LPUSH', KEYS[1], 'x')", pool: 'str', keys: 1, readOnly: false },
  { body: "redis.call('SET', KEYS[1], 'a') return redis.call('APPEND', KEYS[2], redis.call('GET', KEYS[1]))", pool: 'str', keys: 2, readOnly: false },
  { body: "return redis.call('EXPIRE', KEYS[1], 604800)", pool: 'str', keys: 1, readOnly: false },
  { body: "return redis.call('INCRBYFLOAT', KEYS[1], '1.5')", pool: 'str', keys: 1, readOnly: false },
  { body: "return redis.call('PUBLISH', 'ch:0', ARGV[1] or 'from-lua')", pool: 'str', keys: 0, readOnly: false },
  { body: "return cjson.encode({1, 2, {3, 'x'}})", pool: 'str', keys: 0, readOnly: true },
  { body: 'return cjson.decode(\'[1,2,{"a":3}]\')[3].a', pool: 'str', keys: 0, readOnly: true },
  { body: "return cmsgpack.unpack(cmsgpack.pack({1, 2, 'x'}))", pool: 'str', keys: 0, readOnly: true },
  { body: 'return bit.band(tonumber(ARGV[1]) or 7, 255)', pool: 'str', keys: 0, readOnly: true },
  { body: "return struct.pack('>I2', 513)", pool: 'str', keys: 0, readOnly: true },
  { body: "return redis.sha1hex(ARGV[1] or '')", pool: 'str', keys: 0, readOnly: true },
  { body: "return redis.error_reply('SANDFUZZ custom error')", pool: 'str', keys: 0, readOnly: true },
  { body: "return redis.status_reply('FINE')", pool: 'str', keys: 0, readOnly: true },
  { body: "return {1, 2, {3, 'x'}, true, false, 3.99}", pool: 'str', keys: 0, readOnly: true },
  { body: "redis.log(redis.LOG_WARNING, 'sandfuzz') return 1", pool: 'str', keys: 0, readOnly: true },
  { body: "error('sandfuzz boom')", pool: 'str', keys: 0, readOnly: true },
  { body: 'return (', pool: 'str', keys: 0, readOnly: true },
  { body: 'sandfuzz_global = 1 return 1', pool: 'str', keys: 0, readOnly: true },
  { body: "redis.setresp(3) return redis.call('HLEN', KEYS[1])", pool: 'hash', keys: 1, readOnly: true },
  { body: "#!lua flags=no-writes\nreturn redis.call('GET', KEYS[1])", pool: 'str', keys: 1, readOnly: true },
  { body: "#!lua flags=no-writes\nreturn redis.call('SET', KEYS[1], 'nope')", pool: 'str', keys: 1, readOnly: true },
  { body: "#!lua\nreturn redis.call('DEL', KEYS[1])", pool: 'str', keys: 1, readOnly: false },
];

export function sha1Hex(body: string): string {
  return createHash('sha1').update(body, 'utf8').digest('hex');
}
