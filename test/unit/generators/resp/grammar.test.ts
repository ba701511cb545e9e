import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGrammar, recordedGrammar, RespDecoder, type ArgSpec, type PlainValue } from '../../../../generators/resp/index.js';
import { fullName, type CommandSpec } from '../../../../generators/resp/grammar/grammar.js';
import { GrammarReplyError } from '../../../../generators/resp/grammar/build-grammar.js';
import { toPlain } from '../../../../generators/resp/protocol/resp-value.js';
import { GROUP_FAMILIES } from '../../../../generators/resp/unit.js';

// COMMAND DOCS and COMMAND INFO as sandfuzz/redis (Debian bookworm, redis 7.0.15) sent them.
function fixtureReply(name: string): PlainValue {
  const decoder = new RespDecoder();
  decoder.feed(readFileSync(join(import.meta.dirname, 'fixtures', name)));
  expect(decoder.broken).toBeNull();
  expect(decoder.values).toHaveLength(1);
  return toPlain(decoder.values[0]!);
}

const grammar = buildGrammar(fixtureReply('command-docs.resp'), fixtureReply('command-info.resp'), '7.0.15');
const byName = new Map(grammar.commands.map((c) => [fullName(c), c]));

function walk(args: readonly ArgSpec[], visit: (a: ArgSpec) => void): void {
  for (const arg of args) {
    visit(arg);
    walk(arg.args ?? [], visit);
  }
}

describe('grammar built from the recorded COMMAND DOCS / COMMAND INFO', () => {
  it('is the grammar shipped next to the code', () => {
    expect(recordedGrammar()).toEqual(grammar);
  });

  it('covers every command group the server reports, each with commands', () => {
    const groups = new Set(grammar.commands.map((c) => c.group));
    expect([...groups].sort()).toEqual([...GROUP_FAMILIES].sort());
    for (const group of GROUP_FAMILIES)
      expect(
        grammar.commands.some((c) => c.group === group),
        group,
      ).toBe(true);
  });

  it('splits containers into subcommands with their own arguments', () => {
    for (const name of [
      'config|get',
      'config|set',
      'client|list',
      'client|kill',
      'xgroup|create',
      'object|encoding',
      'memory|usage',
      'function|load',
      'acl|setuser',
    ]) {
      expect(byName.get(name), name).toBeDefined();
    }
    expect(byName.has('config')).toBe(false);
    expect(byName.get('config|get')!.words).toEqual(['CONFIG', 'GET']);
    expect(byName.get('xgroup|create')!.args.map((a) => [a.name, a.type])).toEqual([
      ['key', 'key'],
      ['groupname', 'string'],
      ['id', 'oneof'],
      ['mkstream', 'pure-token'],
      ['entries_read', 'integer'],
    ]);
  });

  it('keeps argument types, tokens and flags', () => {
    const set = byName.get('set')!;
    expect(set.args[0]).toEqual({ name: 'key', type: 'key' });
    const expiration = set.args.find((a) => a.name === 'expiration')!;
    expect(expiration).toMatchObject({ type: 'oneof', optional: true });
    expect(expiration.args!.map((a) => a.token)).toEqual(['EX', 'PX', 'EXAT', 'PXAT', 'KEEPTTL']);
    expect(byName.get('del')!.args[0]).toEqual({ name: 'key', type: 'key', multiple: true });
    expect(byName.get('sort')!.args.find((a) => a.name === 'pattern' && a.token === 'GET')).toMatchObject({ multiple: true, multipleToken: true });
    const types = new Set<string>();
    for (const command of grammar.commands) walk(command.args, (a) => types.add(a.type));
    expect([...types].sort()).toEqual(['block', 'double', 'integer', 'key', 'oneof', 'pattern', 'pure-token', 'string', 'unix-time']);
  });

  it('takes arity, flags and reply tips from COMMAND INFO', () => {
    const get = byName.get('get')!;
    expect(get.arity).toBe(2);
    expect(get.flags).toEqual(expect.arrayContaining(['readonly', 'fast']));
    expect(byName.get('blpop')!.flags).toContain('blocking');
    expect(byName.get('randomkey')!.tips).toEqual(['nondeterministic_output']);
    expect(byName.get('smembers')!.tips).toEqual(['nondeterministic_output_order']);
    expect(byName.get('config|set')!.tips).toEqual([]);
  });

  it('is sorted by full name and the same for the same replies', () => {
    const names = grammar.commands.map((c: CommandSpec) => fullName(c));
    expect(names).toEqual([...names].sort());
    expect(buildGrammar(fixtureReply('command-docs.resp'), fixtureReply('command-info.resp'), '7.0.15')).toEqual(grammar);
    expect(grammar.commands.length).toBeGreaterThan(300);
  });

  it('refuses replies that are not grammars', () => {
    expect(() => buildGrammar('nope', [], 'x')).toThrow(GrammarReplyError);
    expect(() => buildGrammar(['get'], [], 'x')).toThrow(GrammarReplyError);
    expect(() => buildGrammar([], [['get']], 'x')).toThrow(GrammarReplyError);
  });
});
