import fc from 'fast-check';
import type { ArgContext } from '../arg-context.js';
import { blockingMillisecondsArbitrary } from './blocking-timeout.js';
import { ttlArbitrary } from './ttl-arg.js';

const small = (min: number, max: number): fc.Arbitrary<string> => fc.integer({ min, max }).map(String);

/** Values integer parsing rejects or clamps: overflow, not a number, the int64 limits. */
const EDGE_INTEGERS = ['0', '-1', '2147483648', '9223372036854775807', '-9223372036854775808', '18446744073709551616', 'x1'];

/** A small range most of the time, an edge value one time in eight. */
function withEdges(min: number, max: number): fc.Arbitrary<string> {
  return fc.oneof({ weight: 7, arbitrary: small(min, max) }, { weight: 1, arbitrary: fc.constantFrom(...EDGE_INTEGERS) });
}

// Bit and byte offsets stay well inside 1 MiB: SETBIT at 2^32 would allocate 512 MiB.
const byteOffset = fc.oneof({ weight: 6, arbitrary: small(0, 64) }, { weight: 1, arbitrary: small(0, 1 << 20) });

const DATABASE_INDEX = fc.oneof({ weight: 8, arbitrary: small(0, 3) }, { weight: 1, arbitrary: fc.constantFrom('15', '16', '-1') });

// Counts that size a reply: SRANDMEMBER -1000000000 would answer with a billion members.
const REPLY_COUNT = withEdges(-10, 20).filter((v) => !/^-\d{3,}/.test(v) && v !== '9223372036854775807');

/** A value for an argument of type integer, by name (and command, where the name is ambiguous). */
export function integerArgArbitrary(name: string, ctx: ArgContext): fc.Arbitrary<string> {
  const { command } = ctx;
  switch (name) {
    case 'seconds':
      return ttlArbitrary('seconds');
    case 'ttl':
      return ttlArbitrary('milliseconds');
    case 'milliseconds':
      return command === 'xread' || command === 'xreadgroup' ? blockingMillisecondsArbitrary(ctx.c) : ttlArbitrary('milliseconds');
    case 'timeout':
      return blockingMillisecondsArbitrary(ctx.c);
    case 'numreplicas':
      return small(0, 1);
    case 'db':
    case 'destination-db':
    case 'index1':
    case 'index2':
      return DATABASE_INDEX;
    case 'index':
      return command === 'select' ? DATABASE_INDEX : withEdges(-5, 10);
    case 'offset':
      return ['setbit', 'getbit', 'setrange', 'bitfield', 'bitfield_ro'].includes(command) ? byteOffset : small(0, 10);
    case 'count':
      return ['scan', 'sscan', 'hscan', 'zscan'].includes(command) ? small(1, 100) : REPLY_COUNT;
    case 'cursor':
      return fc.oneof({ weight: 4, arbitrary: fc.constant('0') }, { weight: 1, arbitrary: small(1, 64) });
    case 'protover':
      return fc.constantFrom('2', '3', '3', '1', '4');
    case 'client-id':
      return fc.constantFrom('999999999', '0', '-1');
    case 'version':
      return fc.constantFrom('5', '6', '7');
    case 'frequency':
      return small(0, 255);
    case 'min-idle-time':
    case 'ms':
      // Zero claims everything, an hour nothing: neither depends on how fast the run goes.
      return fc.constantFrom('0', '3600000');
    case 'bits':
      return small(1, 512);
    case 'value':
    case 'bit':
      return fc.oneof({ weight: 4, arbitrary: small(0, 1) }, { weight: 1, arbitrary: withEdges(-3, 300) });
    default:
      return withEdges(-5, 20);
  }
}
