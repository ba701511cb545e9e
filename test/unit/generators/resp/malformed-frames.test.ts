import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MALFORMED_FRAME_KINDS, malformedOutcome, renderMalformedFrame, RespDecoder } from '../../../../generators/resp/index.js';
import { classifyRequestBytes } from './redis-request-parser.js';

describe('malformed frames', () => {
  it('do what they claim to a reference model of the redis request parser', () => {
    for (const kind of MALFORMED_FRAME_KINDS) {
      const bytes = renderMalformedFrame({ kind, seed: 42, size: 64 });
      expect(classifyRequestBytes(bytes), kind).toBe(malformedOutcome(kind));
    }
  });

  it('keep their claim for every seed and size', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MALFORMED_FRAME_KINDS), fc.nat(), fc.integer({ min: 1, max: 512 }), (kind, seed, size) => {
        expect(classifyRequestBytes(renderMalformedFrame({ kind, seed, size }))).toBe(malformedOutcome(kind));
      }),
    );
  });

  it('are the same bytes for the same seed, other bytes for another seed (garbage)', () => {
    const a = renderMalformedFrame({ kind: 'binary-garbage', seed: 1, size: 100 });
    expect(renderMalformedFrame({ kind: 'binary-garbage', seed: 1, size: 100 }).equals(a)).toBe(true);
    expect(renderMalformedFrame({ kind: 'binary-garbage', seed: 2, size: 100 }).equals(a)).toBe(false);
  });

  it('are never a well-formed request (complete arrays of bulk strings)', () => {
    for (const kind of MALFORMED_FRAME_KINDS) {
      const decoder = new RespDecoder();
      decoder.feed(renderMalformedFrame({ kind, seed: 7, size: 16 }));
      const wellFormed =
        decoder.broken === null &&
        !decoder.midValue &&
        decoder.values.length > 0 &&
        decoder.values.every((v) => v.type === 'array' && v.items.length > 0 && v.items.every((i) => i.type === 'bulk'));
      expect(wellFormed, kind).toBe(false);
    }
  });

  it('cover every outcome the server has for bad input', () => {
    expect(new Set(MALFORMED_FRAME_KINDS.map(malformedOutcome))).toEqual(
      new Set(['protocol-error', 'incomplete', 'ignored', 'command-reply', 'silent-close']),
    );
  });
});
