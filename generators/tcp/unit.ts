/**
 * The shape of a TCP workload unit. Units are plain JSON so the corpus can store them and a later
 * run can replay them byte for byte; bytes travel as latin1 strings (one character per byte),
 * which JSON keeps exactly and which leave text protocols readable in the corpus.
 */

/** Every family the TCP generator produces; `family(unit)` reports them as `tcp:<family>`. */
export const TCP_FAMILIES = ['connect-close', 'hold', 'half-close', 'reset', 'random-bytes', 'recorded-bytes', 'slow', 'burst'] as const;

export type TcpFamily = (typeof TCP_FAMILIES)[number];

/** One thing a connection does before its ending. */
export type TcpStep =
  /** Writes `data` (latin1: one character per byte). */
  | { readonly kind: 'send'; readonly data: string }
  /** Writes `size` seeded random bytes, derived when sent: 64 KiB cost two numbers in the corpus. */
  | { readonly kind: 'random'; readonly size: number; readonly seed: number }
  /** Writes `data` one byte at a time, `pauseMs` apart. */
  | { readonly kind: 'trickle'; readonly data: string; readonly pauseMs: number }
  /** Stays idle for `ms` (less if the server hangs up first). */
  | { readonly kind: 'pause'; readonly ms: number };

export type TcpStepKind = TcpStep['kind'];

/**
 * How a connection ends once its steps are done:
 * - `close`: close at once, looking at nothing (answer `accepted`);
 * - `await-reply`: wait a while for reply bytes or the server hanging up, then close;
 * - `half-close`: send FIN, then read until the server closes;
 * - `reset`: send RST at once;
 * - `await-reply-reset`: wait as `await-reply` does, then send RST.
 */
export const TCP_ENDINGS = ['close', 'await-reply', 'half-close', 'reset', 'await-reply-reset'] as const;

export type TcpEnding = (typeof TCP_ENDINGS)[number];

/** What one connection of a unit does. */
export interface TcpConnectionPlan {
  readonly steps: readonly TcpStep[];
  readonly ending: TcpEnding;
}

/** Connections opened all at once; one answer per connection, in order. */
export interface TcpUnit {
  readonly family: TcpFamily;
  readonly connections: readonly TcpConnectionPlan[];
}
