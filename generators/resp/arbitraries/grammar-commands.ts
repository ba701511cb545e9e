import fc from 'fast-check';
import type { ResolvedRespConstraints } from '../constraints.js';
import { isRandomPick } from '../grammar/exclusions.js';
import { fullName, type CommandSpec, type RespGrammar } from '../grammar/grammar.js';
import type { KeyPool } from '../key-pools.js';
import type { ArgContext } from './arg-context.js';
import { argumentListArbitrary } from './argument-list.js';
import { fixCommandWords } from './command-fixups.js';

/** The key pool of each data-type group; other groups (generic, server...) use any pool. */
const POOL_OF_GROUP: Readonly<Record<string, KeyPool>> = {
  string: 'str',
  list: 'list',
  hash: 'hash',
  set: 'set',
  'sorted-set': 'zset',
  stream: 'stream',
  geo: 'geo',
  hyperloglog: 'hll',
  bitmap: 'bitmap',
};

export const DATA_GROUPS = Object.keys(POOL_OF_GROUP);

/** One command of `spec` as words: its name words, then arguments drawn from its spec. */
export function commandArbitrary(spec: CommandSpec, c: ResolvedRespConstraints): fc.Arbitrary<string[]> {
  const ctx: ArgContext = {
    command: fullName(spec),
    keyPool: POOL_OF_GROUP[spec.group] ?? null,
    blocking: spec.flags.includes('blocking'),
    c,
  };
  return argumentListArbitrary(spec.args, ctx).map((args) => fixCommandWords(ctx.command, [...spec.words, ...args]));
}

/**
 * Random picks from a grammar, built once per grammar and constraints: commands of one group,
 * writes (state-building commands weigh double), any data command.
 */
export class GrammarCommands {
  private readonly byGroup = new Map<string, fc.Arbitrary<string[]> | null>();
  private dataWrites: fc.Arbitrary<string[]> | null = null;
  private anyData: fc.Arbitrary<string[]> | null = null;

  constructor(
    readonly grammar: RespGrammar,
    private readonly c: ResolvedRespConstraints,
  ) {}

  /** Specs of a group random generation may pick (never the excluded or curated ones). */
  specs(group: string): CommandSpec[] {
    return this.grammar.commands.filter((spec) => spec.group === group && isRandomPick(fullName(spec)));
  }

  /** Any command of the group, writes twice as likely; null when the grammar has none. */
  group(group: string): fc.Arbitrary<string[]> | null {
    if (!this.byGroup.has(group)) {
      const specs = this.specs(group);
      const choices = specs.map((spec) => ({ weight: spec.flags.includes('write') ? 2 : 1, arbitrary: commandArbitrary(spec, this.c) }));
      this.byGroup.set(group, choices.length > 0 ? fc.oneof(...choices) : null);
    }
    return this.byGroup.get(group)!;
  }

  /** Writes of the data-type groups: what builds state before a save or inside MULTI. */
  writes(): fc.Arbitrary<string[]> {
    if (!this.dataWrites) {
      const specs = DATA_GROUPS.flatMap((g) => this.specs(g)).filter((s) => s.flags.includes('write') && !s.flags.includes('blocking'));
      this.dataWrites = specs.length > 0 ? fc.oneof(...specs.map((spec) => commandArbitrary(spec, this.c))) : fc.constant<string[]>(['PING']);
    }
    return this.dataWrites;
  }

  /** Any command of any data-type group. */
  data(): fc.Arbitrary<string[]> {
    if (!this.anyData) {
      const groups = DATA_GROUPS.map((g) => this.group(g)).filter((a): a is fc.Arbitrary<string[]> => a !== null);
      this.anyData = groups.length > 0 ? fc.oneof(...groups) : fc.constant<string[]>(['PING']);
    }
    return this.anyData;
  }
}
