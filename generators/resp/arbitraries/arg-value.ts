import fc from 'fast-check';
import type { ArgSpec } from '../grammar/grammar.js';
import type { ArgContext } from './arg-context.js';
import { doubleArgArbitrary } from './values/double-arg.js';
import { integerArgArbitrary } from './values/integer-arg.js';
import { keyArbitrary } from './values/key-arg.js';
import { namedStringArbitrary } from './values/named-string-arg.js';
import { patternArbitrary } from './values/pattern-arg.js';
import { unixTimeArbitrary } from './values/unix-time-arg.js';

/** The value of one leaf argument (not oneof, block or pure-token), by type and name. */
export function argValueArbitrary(spec: ArgSpec, ctx: ArgContext): fc.Arbitrary<string> {
  switch (spec.type) {
    case 'key':
      return keyArbitrary(ctx.keyPool, ctx.c.keyPoolSize);
    case 'integer':
      return integerArgArbitrary(spec.name, ctx);
    case 'double':
      return doubleArgArbitrary(spec.name, ctx);
    case 'pattern':
      return patternArbitrary(ctx.command);
    case 'unix-time':
      return unixTimeArbitrary(spec.name);
    case 'pure-token':
      return fc.constant(spec.token ?? spec.name.toUpperCase());
    default:
      return namedStringArbitrary(spec.name, ctx);
  }
}
