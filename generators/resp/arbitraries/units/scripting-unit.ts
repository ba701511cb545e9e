import fc from 'fast-check';
import type { RespStep, RespUnit } from '../../unit.js';
import type { FamilyInputs } from '../family-inputs.js';
import { FUNCTION_LIBRARIES } from '../scripts/function-libraries.js';
import { LUA_SCRIPTS, sha1Hex, type LuaScript } from '../scripts/lua-scripts.js';
import { command } from '../steps.js';
import { poolKeyArbitrary } from '../values/key-arg.js';
import { stringValueArbitrary } from '../values/string-value.js';

const argv = fc.array(stringValueArbitrary(), { maxLength: 2 });

/** `numkeys key... arg...` for a script that reads `keys` keys of its pool. */
function scriptTail(script: Pick<LuaScript, 'pool' | 'keys'>, poolSize: number): fc.Arbitrary<string[]> {
  return fc
    .tuple(fc.array(poolKeyArbitrary(script.pool, poolSize), { minLength: script.keys, maxLength: script.keys }), argv)
    .map(([keys, args]) => [String(keys.length), ...keys, ...args]);
}

const script = fc.constantFrom(...LUA_SCRIPTS);
const functions = FUNCTION_LIBRARIES.flatMap((lib) => lib.functions);

/** Scripting steps, some of them pairs (SCRIPT LOAD then EVALSHA) that only make sense together. */
function scriptingSteps(poolSize: number): fc.Arbitrary<RespStep[]> {
  const one = (words: fc.Arbitrary<string[]>): fc.Arbitrary<RespStep[]> => words.map((w) => [command(w)]);
  return fc.oneof(
    {
      weight: 5,
      arbitrary: one(script.chain((s) => scriptTail(s, poolSize).map((t) => [s.readOnly && s.keys > 0 ? 'EVAL_RO' : 'EVAL', s.body, ...t]))),
    },
    {
      weight: 3,
      arbitrary: script.chain((s) =>
        scriptTail(s, poolSize).map((t) => [command(['SCRIPT', 'LOAD', s.body]), command(['EVALSHA', sha1Hex(s.body), ...t])]),
      ),
    },
    {
      weight: 2,
      arbitrary: one(script.chain((s) => scriptTail(s, poolSize).map((t) => [s.readOnly ? 'EVALSHA_RO' : 'EVALSHA', sha1Hex(s.body), ...t]))),
    },
    {
      weight: 1,
      arbitrary: one(fc.uniqueArray(script, { minLength: 1, maxLength: 3 }).map((ss) => ['SCRIPT', 'EXISTS', ...ss.map((s) => sha1Hex(s.body))])),
    },
    {
      weight: 3,
      arbitrary: one(
        fc
          .tuple(fc.constantFrom(...FUNCTION_LIBRARIES), fc.boolean())
          .map(([lib, replace]) => ['FUNCTION', 'LOAD', ...(replace ? ['REPLACE'] : []), lib.code]),
      ),
    },
    {
      weight: 5,
      arbitrary: one(
        fc
          .constantFrom(...functions)
          .chain((f) =>
            fc.tuple(fc.boolean(), scriptTail({ pool: f.pool, keys: 1 }, poolSize)).map(([ro, t]) => [ro ? 'FCALL_RO' : 'FCALL', f.name, ...t]),
          ),
      ),
    },
    {
      weight: 1,
      arbitrary: one(
        fc.constantFrom<string[]>(['FCALL', 'sf_nosuch', '0'], ['FUNCTION', 'DELETE', 'sflib_list'], ['FUNCTION', 'DELETE', 'sflib_nosuch']),
      ),
    },
    {
      weight: 1,
      arbitrary: one(
        fc.constantFrom<string[]>(
          ['FUNCTION', 'LIST'],
          ['FUNCTION', 'LIST', 'LIBRARYNAME', 'sflib_*', 'WITHCODE'],
          ['FUNCTION', 'STATS'],
          ['FUNCTION', 'DUMP'],
        ),
      ),
    },
    { weight: 1, arbitrary: one(fc.constantFrom<string[]>(['SCRIPT', 'KILL'], ['FUNCTION', 'KILL'], ['FUNCTION', 'RESTORE', 'not-a-payload'])) },
    { weight: 1, arbitrary: one(fc.constantFrom<string[]>(['SCRIPT', 'FLUSH'], ['SCRIPT', 'FLUSH', 'ASYNC'], ['FUNCTION', 'FLUSH', 'SYNC'])) },
  );
}

/**
 * EVAL/EVALSHA with small Lua bodies touching keys of the right type, SCRIPT LOAD and the
 * NOSCRIPT path, FUNCTION LOAD and FCALL; units often start by (re)loading a library so FCALL
 * finds its functions.
 */
export function scriptingUnitArbitrary(inputs: FamilyInputs): fc.Arbitrary<RespUnit> {
  const max = inputs.c.maxCommandsPerUnit;
  const load = fc.constantFrom(...FUNCTION_LIBRARIES.slice(0, 2)).map((lib) => command(['FUNCTION', 'LOAD', 'REPLACE', lib.code]));
  return fc
    .tuple(fc.option(load, { freq: 2, nil: null }), fc.array(scriptingSteps(inputs.c.keyPoolSize), { minLength: 1, maxLength: max }))
    .map(([first, groups]): RespUnit => {
      const steps = [...(first ? [first] : []), ...groups.flat()].slice(0, max);
      return { family: 'scripting', steps };
    });
}
