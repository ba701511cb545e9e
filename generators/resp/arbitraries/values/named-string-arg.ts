import fc from 'fast-check';
import type { ArgContext } from '../arg-context.js';
import { FUNCTION_LIBRARIES } from '../scripts/function-libraries.js';
import { LUA_SCRIPTS, sha1Hex } from '../scripts/lua-scripts.js';
import { CONFIG_GET_PATTERNS } from './config-parameters.js';
import { keyArbitrary } from './key-arg.js';
import { memberArbitrary } from './member-value.js';
import { streamIdArbitrary } from './stream-id.js';
import { stringValueArbitrary } from './string-value.js';

const CHANNELS = fc.constantFrom('ch:0', 'ch:1', 'ch:2', 'ch:3');

const INFO_SECTIONS = fc.constantFrom(
  'server',
  'clients',
  'memory',
  'persistence',
  'stats',
  'replication',
  'cpu',
  'commandstats',
  'latencystats',
  'errorstats',
  'keyspace',
  'modules',
  'all',
  'everything',
  'default',
  'nosuch',
);

// Lexicographic range bounds: inclusive [, exclusive (, the open ends, and an invalid one.
const LEX_BOUND = fc.constantFrom('-', '+', '[m1', '(m3', '[a', '(', 'm0');

const COMMAND_NAMES = fc.constantFrom('get', 'set', 'config', 'xadd', 'zadd', 'client', 'nosuchcommand');

/** A value for an argument of type string, by name (and command, where the name is ambiguous). */
export function namedStringArbitrary(name: string, ctx: ArgContext): fc.Arbitrary<string> {
  const { command } = ctx;
  switch (name) {
    case 'member':
    case 'member1':
    case 'member2':
      return memberArbitrary('m');
    case 'field':
      return command === 'xadd' ? fc.constantFrom('f0', 'f1', 'temp') : memberArbitrary('f');
    case 'element':
    case 'pivot':
      return memberArbitrary('e');
    case 'value':
    case 'arg':
      return stringValueArbitrary();
    case 'channel':
    case 'shardchannel':
      return CHANNELS;
    case 'message':
      return fc.constantFrom('hello', 'msg:1', '', 'x'.repeat(300));
    case 'script':
      return fc.constantFrom(...LUA_SCRIPTS.map((s) => s.body));
    case 'sha1':
      return fc.oneof(fc.constantFrom(...LUA_SCRIPTS.map((s) => sha1Hex(s.body))), fc.constant('0'.repeat(40)));
    case 'function-code':
      return fc.constantFrom(...FUNCTION_LIBRARIES.map((l) => l.code));
    case 'function':
      return fc.constantFrom('sf_get', 'sf_set', 'sf_exists', 'sf_push', 'sf_len', 'sf_nosuch');
    case 'library-name':
      return fc.constantFrom(...FUNCTION_LIBRARIES.map((l) => l.name), 'sflib_nosuch');
    case 'library-name-pattern':
      return fc.constantFrom('*', 'sflib_*', 'sflib_str', 'nomatch*');
    case 'section':
      return INFO_SECTIONS;
    case 'parameter':
      return fc.constantFrom(...CONFIG_GET_PATTERNS);
    case 'connection-name':
    case 'clientname':
      return fc.constantFrom('sf-0', 'sf-1', 'bad name');
    case 'username':
      return fc.constantFrom('default', 'sf-user-0', 'nosuchuser');
    case 'password':
      return fc.constantFrom('sf-pass-0', 'wrong', '');
    case 'command':
    case 'command-name':
      return COMMAND_NAMES;
    case 'category':
    case 'categoryname':
      return fc.constantFrom('read', 'write', 'keyspace', 'dangerous', 'nosuchcategory');
    case 'consumer':
    case 'consumername':
      return fc.constantFrom('c0', 'c1', 'c2');
    case 'group':
    case 'groupname':
      return fc.constantFrom('g0', 'g1');
    case 'id':
    case 'last-id':
    case 'max_deleted_entry_id':
      return streamIdArbitrary(command, name);
    case 'start':
    case 'end':
    case 'stop':
      return command === 'zrange' ? fc.constantFrom('0', '-1', '1', '(1', '[m0', '-', '+', '-inf', '+inf') : streamIdArbitrary(command, name);
    case 'min':
    case 'max':
      return LEX_BOUND;
    case 'min-idle-time':
      return fc.constantFrom('0', '3600000');
    case 'threshold':
      return fc.constantFrom('0', '2', '10', '1-1', 'x');
    case 'encoding':
      return fc.constantFrom('i8', 'u4', 'i16', 'u63', 'i64', 'u64', 'i65');
    case 'operation':
      return fc.constantFrom('AND', 'OR', 'XOR', 'NOT', 'NAND');
    case 'serialized-value':
      return fc.constantFrom('\u0000\u0003bad', 'not-a-dump');
    case 'key':
      return keyArbitrary(null, ctx.c.keyPoolSize);
    case 'prefix':
      return fc.constantFrom('str:', 'list:', 'h');
    case 'subcommand':
      return fc.constantFrom('GETREG', 'DECODE', 'ENCODING', 'TODENSE', 'NOSUCH');
    case 'type':
      return fc.constantFrom('string', 'list', 'set', 'zset', 'hash', 'stream', 'nosuchtype');
    case 'event':
      return fc.constantFrom('command', 'fast-command', 'expire-cycle', 'fork', 'nosuchevent');
    case 'module-name':
    case 'name':
      return fc.constantFrom('nosuchmodule');
    default:
      return stringValueArbitrary();
  }
}
