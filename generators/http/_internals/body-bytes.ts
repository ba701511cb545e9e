import type { BodyPlan } from '../unit.js';

/**
 * The bytes of a body plan: xorshift32 output seeded by `plan.seed`, written little-endian so the
 * same plan gives the same bytes on every machine.
 */
export function bodyBytes(plan: BodyPlan): Buffer {
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
