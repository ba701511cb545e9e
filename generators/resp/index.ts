import { UsageError } from '../../src/shared/errors.js';
import type { GuidedGenerator } from '../types.js';
import { deriveSeed, drawOne } from './_internals/seeds.js';
import { FamilyArbitraries } from './arbitraries/family-arbitraries.js';
import { GrammarCommands } from './arbitraries/grammar-commands.js';
import { resolveRespConstraints, type RespConstraints } from './constraints.js';
import { describeUnit, familyOf } from './describe.js';
import { executeRespUnit } from './execute.js';
import { recordedGrammar } from './grammar/recorded-grammar.js';
import { mutationArbitrary } from './mutate.js';
import { learnFromServer, type ServerFacts } from './prepare.js';
import { RESP_FAMILIES, type RespFamily, type RespUnit } from './unit.js';

const PREFIX = 'redis:';

/** `redis:list` (or plain `list`) to `list`; a UsageError naming the known ones otherwise. */
function familyName(family: string): RespFamily {
  const bare = family.startsWith(PREFIX) ? family.slice(PREFIX.length) : family;
  if (!(RESP_FAMILIES as readonly string[]).includes(bare)) {
    throw new UsageError(`unknown redis family '${family}' (known: ${RESP_FAMILIES.map((f) => PREFIX + f).join(', ')})`);
  }
  return bare as RespFamily;
}

/**
 * A Redis workload generator over raw RESP: commands drawn from the server's own grammar (the
 * recorded one until `prepare` asks the live server), scenario families for persistence,
 * blocking, transactions, scripting, pub/sub, administration, big values, expiry and malformed
 * frames. Units are plain JSON and replay without `prepare`.
 */
export function createRespGenerator(constraints?: RespConstraints): GuidedGenerator<RespUnit> {
  const c = resolveRespConstraints(constraints);
  let facts: ServerFacts | null = null;
  let arbitraries: FamilyArbitraries | null = null;
  const current = (): FamilyArbitraries =>
    (arbitraries ??= new FamilyArbitraries({
      commands: new GrammarCommands(facts?.grammar ?? recordedGrammar(), c),
      c,
      debugAllowed: facts?.debugAllowed ?? false,
    }));

  const generate = (family: string, seed: number): RespUnit => {
    const name = familyName(family);
    return drawOne(current().of(name), deriveSeed(seed, name));
  };

  return {
    name: 'redis',
    families: RESP_FAMILIES.map((f) => PREFIX + f),
    async prepare(endpoint, options) {
      facts = await learnFromServer(endpoint, options);
      arbitraries = null;
    },
    generate,
    *units(seed) {
      for (let i = 0; ; i++) {
        const family = RESP_FAMILIES[(deriveSeed(seed, `family:${i}`) >>> 0) % RESP_FAMILIES.length]!;
        yield generate(family, deriveSeed(seed, i));
      }
    },
    mutate(parent, seed, donor) {
      const fresh = generate(parent.family, deriveSeed(seed, 'fresh'));
      if (parent.steps.length === 0) return fresh;
      return drawOne(mutationArbitrary(parent, fresh, donor, c), deriveSeed(seed, 'mutate'));
    },
    execute: executeRespUnit,
    family: familyOf,
    describe: describeUnit,
  };
}

/** The Redis generator with default constraints. */
export const respGenerator: GuidedGenerator<RespUnit> = createRespGenerator();

export { resolveRespConstraints } from './constraints.js';
export type { RespConstraints } from './constraints.js';
export { RESP_FAMILIES } from './unit.js';
export type { RespUnit } from './unit.js';
export { buildGrammar } from './grammar/build-grammar.js';
export { recordedGrammar } from './grammar/recorded-grammar.js';
export type { ArgSpec } from './grammar/grammar.js';
export { NEVER_SENT } from './grammar/exclusions.js';
export { RespDecoder } from './protocol/resp-decoder.js';
export { encodeCommand, encodeInline } from './protocol/resp-encoder.js';
export { MALFORMED_FRAME_KINDS, malformedOutcome, renderMalformedFrame } from './protocol/malformed-frames.js';
export type { MalformedOutcome } from './protocol/malformed-frames.js';
export type { PlainValue, RespValue } from './protocol/resp-value.js';
