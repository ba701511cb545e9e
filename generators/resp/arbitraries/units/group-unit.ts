import fc from 'fast-check';
import type { GroupFamily, RespStep, RespUnit } from '../../unit.js';
import type { FamilyInputs } from '../family-inputs.js';
import { command, inline } from '../steps.js';

// One command in ten goes out in the inline (telnet) form, which the server parses differently.
const INLINE_ONE_IN = 10;

/**
 * Commands of one documented group, arguments from the grammar. The transactions group has only
 * MULTI, EXEC, DISCARD, WATCH and UNWATCH, so data commands are mixed in for them to act on.
 */
export function groupUnitArbitrary(family: GroupFamily, inputs: FamilyInputs): fc.Arbitrary<RespUnit> {
  const own = inputs.commands.group(family) ?? fc.constant<string[]>(['PING']);
  const pick = family === 'transactions' ? fc.oneof(own, inputs.commands.data()) : own;
  const step = fc.tuple(pick, fc.nat({ max: INLINE_ONE_IN - 1 })).map(([words, roll]): RespStep => (roll === 0 ? inline(words) : command(words)));
  return fc.array(step, { minLength: 1, maxLength: inputs.c.maxCommandsPerUnit }).map((steps) => ({ family, steps }));
}
