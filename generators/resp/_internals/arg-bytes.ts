import type { WireArg } from '../protocol/resp-encoder.js';
import type { BlobArg, RespArg, SpreadArg } from '../unit.js';

/** `size` bytes of xorshift32 output seeded by `seed`, the same on every machine. */
export function seededBytes(seed: number, size: number): Buffer {
  const out = Buffer.alloc(size);
  // xorshift32 is stuck at zero, so a zero seed gets a fixed non-zero stand-in.
  let state = seed >>> 0 || 0x9e3779b9;
  let offset = 0;
  for (; offset + 4 <= size; offset += 4) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    out.writeUInt32LE(state, offset);
  }
  for (let shift = 0; offset < size; offset++, shift += 8) out[offset] = (state >>> shift) & 0xff;
  return out;
}

function blobBytes(blob: BlobArg): Buffer {
  return seededBytes(blob.seed, blob.size);
}

// Spread values are hex so members, fields and list elements stay printable in answers.
function spreadArgs(spread: SpreadArg): WireArg[] {
  const pool = seededBytes(spread.seed, spread.count * Math.ceil(spread.size / 2)).toString('hex');
  const value = (i: number): string => pool.slice(i * spread.size, (i + 1) * spread.size).padEnd(spread.size, '0');
  const args: WireArg[] = [];
  for (let i = 0; i < spread.count; i++) {
    if (spread.shape === 'values') args.push(value(i));
    else if (spread.shape === 'field-values') args.push(`f${i}`, value(i));
    else args.push(String(i), `m${i}:${value(i)}`);
  }
  return args;
}

/** The bytes a step's arguments put on the wire. */
export function wireArgs(args: readonly RespArg[]): WireArg[] {
  return args.flatMap((arg): WireArg[] => {
    if (typeof arg === 'string') return [arg];
    return arg.kind === 'blob' ? [blobBytes(arg)] : spreadArgs(arg);
  });
}

/** The literal words of a step (derived arguments left out): what answer policies look at. */
export function literalWords(args: readonly RespArg[]): string[] {
  return args.map((arg) => (typeof arg === 'string' ? arg : ''));
}
