import { Readable } from 'node:stream';
import type { BodyPlan } from '../unit.js';

/**
 * The bytes of a body plan: xorshift32 output seeded by `plan.seed`, written little-endian so the
 * same plan gives the same bytes on every machine.
 */
export function bodyBytes(plan: BodyPlan): Buffer {
  if (plan.text !== undefined) return Buffer.from(plan.text, 'utf8');
  const out = Buffer.alloc(plan.size);
  // xorshift32 is stuck at zero forever, so a zero seed gets a fixed non-zero stand-in.
  let state = plan.seed >>> 0 || 0x9e3779b9;
  let offset = 0;
  for (; offset + 4 <= plan.size; offset += 4) {
    state = nextXorshift32(state);
    out.writeUInt32LE(state, offset);
  }
  if (offset < plan.size) {
    state = nextXorshift32(state);
    for (let shift = 0; offset < plan.size; offset++, shift += 8) out[offset] = (state >>> shift) & 0xff;
  }
  return out;
}

function nextXorshift32(x: number): number {
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  return x >>> 0;
}

/** Pause between the pieces of a body sent slowly: long enough that each arrives on its own. */
const PIECE_PAUSE_MS = 15;

/** A body plan as undici sends it: the bytes at once, or its pieces a moment apart. */
export function bodySource(plan: BodyPlan): Buffer | Readable {
  const bytes = bodyBytes(plan);
  const pieces = Math.min(plan.pieces ?? 1, Math.max(1, bytes.length));
  if (pieces <= 1) return bytes;
  const size = Math.ceil(bytes.length / pieces);
  return Readable.from(
    (async function* () {
      for (let at = 0; at < bytes.length; at += size) {
        if (at > 0) await new Promise((r) => setTimeout(r, PIECE_PAUSE_MS));
        yield bytes.subarray(at, at + size);
      }
    })(),
    { objectMode: false },
  );
}
