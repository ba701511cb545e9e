import type { KeyPool } from '../../key-pools.js';

/** A function library for FUNCTION LOAD and the functions FCALL may call in it. */
export interface FunctionLibrary {
  readonly name: string;
  readonly code: string;
  readonly functions: readonly { readonly name: string; readonly pool: KeyPool; readonly readOnly: boolean }[];
}

/**
 * Libraries with plain and table-form registrations, the no-writes flag, a library that clashes
 * with another's function name and one that does not compile.
 */
export const FUNCTION_LIBRARIES: readonly FunctionLibrary[] = [
  {
    name: 'sflib_str',
    code: [
      '#!lua name=sflib_str',
      "redis.register_function('sf_get', function(keys, args) return redis.call('GET', keys[1]) end)",
      "redis.register_function('sf_set', function(keys, args) return redis.call('SET', keys[1], args[1] or 'v') end)",
      "redis.register_function{function_name='sf_exists', callback=function(keys) return redis.call('EXISTS', keys[1]) end, flags={'no-writes'}}",
    ].join('\n'),
    functions: [
      { name: 'sf_get', pool: 'str', readOnly: false },
      { name: 'sf_set', pool: 'str', readOnly: false },
      { name: 'sf_exists', pool: 'str', readOnly: true },
    ],
  },
  {
    name: 'sflib_list',
    code: [
      '#!lua name=sflib_list',
      "redis.register_function('sf_push', function(keys, args) return redis.call('RPUSH', keys[1], args[1] or 'x') end)",
      "redis.register_function{function_name='sf_len', callback=function(keys) return redis.call('LLEN', keys[1]) end, flags={'no-writes'}}",
    ].join('\n'),
    functions: [
      { name: 'sf_push', pool: 'list', readOnly: false },
      { name: 'sf_len', pool: 'list', readOnly: true },
    ],
  },
  {
    name: 'sflib_clash',
    code: "#!lua name=sflib_clash\nredis.register_function('sf_get', function(keys) return 1 end)",
    functions: [],
  },
  {
    name: 'sflib_broken',
    code: "#!lua name=sflib_broken\nredis.register_function('sf_broken', function(keys) return ( end)",
    functions: [],
  },
];
