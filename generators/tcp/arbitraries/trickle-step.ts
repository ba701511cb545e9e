import fc from 'fast-check';
import type { TcpStep } from '../unit.js';
import type { TcpContext } from './context.js';
import { messageArbitrary } from './message.js';

// Bounds on a trickle's duration (bytes × pause, under 2 s): slow enough that every byte is its
// own read on the server, short enough to fit a unit's budget with room for the reply.
export const MAX_TRICKLE_BYTES = 48;
export const MAX_TRICKLE_PAUSE_MS = 40;

/** A message (cut to MAX_TRICKLE_BYTES) written one byte at a time. */
export function trickleStepArbitrary(ctx: TcpContext): fc.Arbitrary<TcpStep> {
  return fc
    .tuple(messageArbitrary(ctx), fc.integer({ min: 2, max: MAX_TRICKLE_PAUSE_MS }))
    .map(([message, pauseMs]) => ({ kind: 'trickle', data: message.slice(0, MAX_TRICKLE_BYTES), pauseMs }));
}
