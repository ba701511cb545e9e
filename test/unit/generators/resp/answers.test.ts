import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatReply } from '../../../../generators/resp/_internals/answer-format.js';
import { answerPolicy, commandKey } from '../../../../generators/resp/_internals/answer-policy.js';
import { commandAnswer, malformedAnswer } from '../../../../generators/resp/_internals/answers.js';
import type { RespValue } from '../../../../generators/resp/index.js';
import { answerClass } from '../../../../generators/types.js';

const bulk = (text: string): RespValue => ({ type: 'bulk', bytes: Buffer.from(text) });
const int = (n: number): RespValue => ({ type: 'integer', text: String(n) });
const array = (...items: RespValue[]): RespValue => ({ type: 'array', items });
const expectation = (replies: RespValue[], pushes: RespValue[] = []) => ({ needed: replies.length, replies, pushes, done: true });

describe('answers', () => {
  it('start with the reply class: type byte or error code', () => {
    expect(answerClass(formatReply({ type: 'simple', text: 'OK' }, 'full'))).toBe('+');
    expect(answerClass(formatReply({ type: 'error', text: 'WRONGTYPE Operation against a key' }, 'full'))).toBe('-WRONGTYPE');
    expect(answerClass(formatReply({ type: 'error', text: 'NOSCRIPT No matching script' }, 'full'))).toBe('-NOSCRIPT');
    expect(answerClass(formatReply({ type: 'error', text: 'user_script:1: boom' }, 'full'))).toBe('-');
    expect(formatReply({ type: 'null' }, 'full')).toBe('_');
    expect(formatReply(int(42), 'full')).toBe(': 42');
    expect(formatReply(bulk('v1'), 'full')).toBe('$ "v1"');
    expect(formatReply(bulk('x'.repeat(100)), 'full')).toMatch(/^\$ \$100#[0-9a-f]{8}$/);
    expect(formatReply(array(bulk('a'), int(1)), 'full')).toBe('* 2 ["a",:1]');
    expect(formatReply({ type: 'map', entries: [[bulk('k'), { type: 'double', text: '1.5' }]] }, 'full')).toBe('% 1 {"k"=,1.5}');
  });

  it('keep only the class, the sign of a TTL, or an order-free digest where the server varies', () => {
    expect(formatReply(array(bulk('a')), 'class')).toBe('*');
    expect(formatReply({ type: 'error', text: 'ERR x' }, 'class')).toBe('-ERR');
    expect(formatReply(int(86_399), 'ttl')).toBe(': pos');
    expect(formatReply(int(-2), 'ttl')).toBe(': -2');
    expect(formatReply(int(0), 'ttl')).toBe(': 0');
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ maxLength: 5 }), { maxLength: 6 }), fc.func(fc.integer()), (members, order) => {
        const shuffled = [...members].sort((a, b) => order(a) - order(b) || (a < b ? -1 : 1));
        expect(formatReply(array(...shuffled.map(bulk)), 'unordered')).toBe(formatReply(array(...members.map(bulk)), 'unordered'));
        const pairs = (list: string[]) => array(...list.flatMap((m) => [bulk(m), bulk(`v-${m}`)]));
        expect(formatReply(pairs(shuffled), 'pairs')).toBe(formatReply(pairs(members), 'pairs'));
      }),
    );
  });

  it('choose a policy per command from tips and known volatility', () => {
    const cases: [string[], string][] = [
      [['GET', 'k'], 'full'],
      [['INFO'], 'class'],
      [['TIME'], 'class'],
      [['RANDOMKEY'], 'class'],
      [['SMEMBERS', 's'], 'unordered'],
      [['HGETALL', 'h'], 'pairs'],
      [['CONFIG', 'GET', '*'], 'pairs'],
      [['TTL', 'k'], 'ttl'],
      [['XLEN', 's'], 'class'],
      [['CLIENT', 'LIST'], 'class'],
      [['DBSIZE'], 'class'],
      [['EXPIRE', 'k', '10'], 'full'],
      [['EXPIRE', 'k', '10', 'GT'], 'class'],
      [['OBJECT', 'ENCODING', 'k'], 'class'],
      [['SPOP', 's', '1000000'], 'class'],
    ];
    for (const [words, policy] of cases) expect(answerPolicy(words), words.join(' ')).toBe(policy);
    expect(commandKey(['config', 'get', 'x'])).toBe('config|get');
    expect(commandKey(['COMMAND'])).toBe('command');
    expect(commandKey(['SET', 'GET'])).toBe('set');
  });

  it('format EXEC results with the policy of each queued command', () => {
    const queued = [
      { key: 'time', words: ['TIME'] },
      { key: 'get', words: ['GET', 'k'] },
    ];
    const answer = commandAnswer('exec', ['EXEC'], expectation([array(array(bulk('1700000000'), bulk('5')), bulk('v'))]), queued);
    expect(answer).toBe('* 2 [* | $ "v"]');
  });

  it('attach pub/sub messages that came before a reply, and list multi-reply commands', () => {
    const message = array(bulk('message'), bulk('ch:0'), bulk('hi'));
    const pong = array(bulk('pong'), bulk(''));
    expect(commandAnswer('ping', ['PING'], expectation([pong], [message]), [])).toMatch(/^\* 2 \["pong",""\] pushes=1#[0-9a-f]{8}$/);
    const confirmations = [array(bulk('subscribe'), bulk('a'), int(1)), array(bulk('subscribe'), bulk('b'), int(2))];
    expect(commandAnswer('subscribe', ['SUBSCRIBE', 'a', 'b'], expectation(confirmations), [])).toMatch(/^\* x2 /);
  });

  it('sum up malformed frames by what came back', () => {
    expect(malformedAnswer([{ type: 'error', text: 'ERR Protocol error: invalid bulk length' }], true)).toBe(
      '-ERR Protocol error: invalid bulk length ; closed',
    );
    expect(malformedAnswer([], true)).toBe('closed');
    expect(malformedAnswer([{ type: 'simple', text: 'PONG' }], false)).toBe('+ PONG');
    expect(malformedAnswer([], false)).toBe('timeout');
  });
});
