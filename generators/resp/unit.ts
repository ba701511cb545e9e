/**
 * The shape of a Redis workload unit. Units are plain JSON (no undefined, no class instances) so
 * the corpus can store them and a later run can replay them byte for byte without `prepare`.
 */
import type { MalformedFrame } from './protocol/malformed-frames.js';

/** Families named after the command groups `COMMAND DOCS` reports; `family(unit)` adds `redis:`. */
export const GROUP_FAMILIES = [
  'generic',
  'string',
  'list',
  'hash',
  'set',
  'sorted-set',
  'stream',
  'bitmap',
  'hyperloglog',
  'geo',
  'pubsub',
  'scripting',
  'transactions',
  'connection',
  'server',
  'cluster',
] as const;

/** Families built around one server behaviour rather than one command group. */
export const SCENARIO_FAMILIES = ['persistence', 'blocking', 'multi', 'admin', 'large', 'expiry', 'malformed'] as const;

/** Every family, without the `redis:` prefix. `pubsub` and `scripting` are both at once. */
export const RESP_FAMILIES = [...GROUP_FAMILIES, ...SCENARIO_FAMILIES] as const;

export type GroupFamily = (typeof GROUP_FAMILIES)[number];
export type RespFamily = (typeof RESP_FAMILIES)[number];

/** Bytes derived from a seed when the unit is sent: megabytes cost two numbers in the corpus. */
export interface BlobArg {
  readonly kind: 'blob';
  readonly size: number;
  readonly seed: number;
}

/**
 * Many arguments derived when sent: `values` gives `count` blobs, `field-values` gives
 * `f<i> <blob>` pairs (HSET), `score-members` gives `<i> m<i>` pairs (ZADD).
 */
export interface SpreadArg {
  readonly kind: 'spread';
  readonly shape: 'values' | 'field-values' | 'score-members';
  readonly count: number;
  readonly size: number;
  readonly seed: number;
}

export type RespArg = string | BlobArg | SpreadArg;

/**
 * One command on connection `conn` (0 is the unit's main connection, 1 and 2 are helpers).
 * `async`: do not wait for the reply, only until the server either answered or parked the
 * command as blocked, so a helper can unblock it. `waitMs`: sleep after the reply, so a short
 * TTL set by this command has run out before anything else happens (inside MULTI, after EXEC).
 */
export interface CommandStep {
  readonly kind: 'command';
  readonly conn: number;
  readonly args: readonly RespArg[];
  readonly async?: true;
  readonly waitMs?: number;
}

/** A command in the inline (telnet) form. */
export interface InlineStep {
  readonly kind: 'inline';
  readonly conn: number;
  readonly words: readonly string[];
}

/** Bytes that are not valid RESP; nothing more is sent on that connection afterwards. */
export interface MalformedStep {
  readonly kind: 'malformed';
  readonly conn: number;
  readonly frame: MalformedFrame;
}

/** Sleep, so background work (active expiry, a child process) gets its turn. */
export interface PauseStep {
  readonly kind: 'pause';
  readonly ms: number;
}

export type RespStep = CommandStep | InlineStep | MalformedStep | PauseStep;

export interface RespUnit {
  readonly family: RespFamily;
  readonly steps: readonly RespStep[];
}

/** Connections a unit may open: its main one (0) and two helpers (1, 2). */
export const MAX_CONNECTIONS = 3;
