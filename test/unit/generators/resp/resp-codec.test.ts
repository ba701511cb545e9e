import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeCommand, encodeInline, RespDecoder, type RespValue } from '../../../../generators/resp/index.js';
import { chunked, encodeReply } from './reply-encoder.js';
import { splitInlineArgs } from './redis-request-parser.js';

const text = fc.string({ unit: 'grapheme-ascii', maxLength: 12 }).filter((s) => !/[\r\n]/.test(s));
const bytes = fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a));

const replyArbitrary: fc.Arbitrary<RespValue> = fc.letrec<{ value: RespValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text.map((t): RespValue => ({ type: 'simple', text: t })),
    text.map((t): RespValue => ({ type: 'error', text: `ERR ${t}` })),
    fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((n): RespValue => ({ type: 'integer', text: String(n) })),
    bytes.map((b): RespValue => ({ type: 'bulk', bytes: b })),
    fc.constant<RespValue>({ type: 'null' }),
    fc.constantFrom('1.5', '-0.25', 'inf', '-inf', 'nan', '3e10').map((t): RespValue => ({ type: 'double', text: t })),
    fc.boolean().map((v): RespValue => ({ type: 'boolean', value: v })),
    fc.constantFrom('12345678901234567890123', '-7').map((t): RespValue => ({ type: 'bignum', text: t })),
    bytes.map((b): RespValue => ({ type: 'verbatim', format: 'txt', bytes: b })),
    fc.array(tie('value'), { maxLength: 4 }).map((items): RespValue => ({ type: 'array', items })),
    fc.array(tie('value'), { maxLength: 3 }).map((items): RespValue => ({ type: 'set', items })),
    fc.array(tie('value'), { maxLength: 3 }).map((items): RespValue => ({ type: 'push', items })),
    fc.array(fc.tuple(tie('value'), tie('value')), { maxLength: 3 }).map((entries): RespValue => ({ type: 'map', entries })),
  ),
})).value;

function decodeAll(pieces: readonly Buffer[]): RespDecoder {
  const decoder = new RespDecoder();
  for (const piece of pieces) decoder.feed(piece);
  return decoder;
}

describe('RESP encoder and streaming decoder', () => {
  it('decodes any reply tree fed whole, byte by byte, or cut anywhere', () => {
    fc.assert(
      fc.property(fc.array(replyArbitrary, { minLength: 1, maxLength: 4 }), fc.array(fc.nat({ max: 400 }), { maxLength: 12 }), (values, cuts) => {
        const wire = Buffer.concat(values.map(encodeReply));
        for (const pieces of [[wire], chunked(wire, cuts), [...wire].map((b) => Buffer.from([b]))]) {
          const decoder = decodeAll(pieces);
          expect(decoder.broken).toBeNull();
          expect(decoder.midValue).toBe(false);
          expect(decoder.values).toEqual(values);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('round-trips commands of arbitrary binary arguments through the decoder', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(text, bytes), { minLength: 1, maxLength: 6 }), fc.array(fc.nat({ max: 200 })), (args, cuts) => {
        const decoder = decodeAll(chunked(encodeCommand(args), cuts));
        const expected: RespValue = { type: 'array', items: args.map((a) => ({ type: 'bulk', bytes: typeof a === 'string' ? Buffer.from(a) : a })) };
        expect(decoder.values).toEqual([expected]);
      }),
    );
  });

  it('writes inline commands the server splits back into the same words', () => {
    const word = fc.string({ unit: 'binary-ascii', maxLength: 10 }).filter((w) => !w.includes('\0'));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 5 }), (words) => {
        const line = encodeInline(words);
        expect(line.subarray(-2).toString()).toBe('\r\n');
        expect(line.subarray(0, -2).includes('\n')).toBe(false);
        expect(splitInlineArgs(line.subarray(0, -2))).toEqual(words.map((w) => Buffer.from(w)));
      }),
    );
  });

  it('decodes RESP2 nulls, nested aggregates and skips RESP3 attributes', () => {
    const wire = Buffer.from('$-1\r\n*-1\r\n*2\r\n*1\r\n:1\r\n*0\r\n|1\r\n+ttl\r\n:3\r\n+OK\r\n*2\r\n|1\r\n+a\r\n+b\r\n:7\r\n:8\r\n', 'latin1');
    const decoder = decodeAll([...wire].map((b) => Buffer.from([b])));
    expect(decoder.values).toEqual([
      { type: 'null' },
      { type: 'null' },
      {
        type: 'array',
        items: [
          { type: 'array', items: [{ type: 'integer', text: '1' }] },
          { type: 'array', items: [] },
        ],
      },
      { type: 'simple', text: 'OK' },
      {
        type: 'array',
        items: [
          { type: 'integer', text: '7' },
          { type: 'integer', text: '8' },
        ],
      },
    ]);
  });

  it('gathers a multi-megabyte bulk from many chunks into one value', () => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 17, 0x61);
    const wire = encodeReply({ type: 'bulk', bytes: big });
    const pieces = chunked(
      wire,
      Array.from({ length: 200 }, (_, i) => i * 16_411 + 3),
    );
    const decoder = decodeAll(pieces);
    expect(decoder.values).toHaveLength(1);
    expect((decoder.values[0] as { bytes: Buffer }).bytes.equals(big)).toBe(true);
  });

  it('reports a stream that is not RESP and stops there', () => {
    for (const bad of ['?what\r\n', ':12x\r\n', '$3\r\nabcd\r\n', '*x\r\n', '#maybe\r\n', '+OK\rX']) {
      const decoder = decodeAll([Buffer.from(bad, 'latin1')]);
      expect(decoder.broken, bad).not.toBeNull();
      decoder.feed(Buffer.from('+OK\r\n'));
      expect(decoder.values, bad).toEqual([]);
    }
  });

  it('says when it holds part of a value', () => {
    const decoder = decodeAll([Buffer.from('*2\r\n:1\r\n', 'latin1')]);
    expect(decoder.values).toEqual([]);
    expect(decoder.midValue).toBe(true);
    decoder.feed(Buffer.from(':2\r\n'));
    expect(decoder.midValue).toBe(false);
    expect(decoder.values).toHaveLength(1);
  });
});
