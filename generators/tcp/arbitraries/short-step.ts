import fc from 'fast-check';
import type { TcpStep } from '../unit.js';
import type { TcpContext } from './context.js';
import { sendStepArbitrary } from './message.js';
import { randomStepArbitrary, SHORT_PAYLOAD_BYTES } from './random-step.js';

/** Something short to send: a short message of the pool mostly, a few random bytes sometimes. */
export function shortStepArbitrary(ctx: TcpContext): fc.Arbitrary<TcpStep> {
  return fc.oneof(
    { weight: 3, arbitrary: sendStepArbitrary(ctx, SHORT_PAYLOAD_BYTES) },
    { weight: 1, arbitrary: randomStepArbitrary(SHORT_PAYLOAD_BYTES) },
  );
}

/** A message of the pool or random bytes of any size up to `maxBytes`. */
export function payloadStepArbitrary(ctx: TcpContext): fc.Arbitrary<TcpStep> {
  return fc.oneof({ weight: 3, arbitrary: sendStepArbitrary(ctx) }, { weight: 1, arbitrary: randomStepArbitrary(ctx.c.maxBytes) });
}
