import { UsageError } from '../../src/shared/errors.js';

/** What the Redis generator may produce. Every field is optional. */
export interface RespConstraints {
  /**
   * Most steps (commands, helper commands, pauses) in one unit.
   * @defaultValue 12
   */
  readonly maxCommandsPerUnit?: number;
  /**
   * Largest value the `large` family writes, in bytes (it starts at 64 KiB).
   * @defaultValue 8388608 (8 MiB)
   */
  readonly maxValueBytes?: number;
  /**
   * Keys per data-type pool (`str:0` ... `str:<n-1>`).
   * @defaultValue 8
   */
  readonly keyPoolSize?: number;
  /**
   * Longest timeout a blocking command (BLPOP, XREAD BLOCK, WAIT) is given, in milliseconds;
   * also how long a command waits for a helper connection to unblock it.
   * @defaultValue 1000
   */
  readonly blockingTimeoutMs?: number;
}

export type ResolvedRespConstraints = Required<RespConstraints>;

/** The smallest value the large family writes; maxValueBytes may not go below it. */
export const LARGE_VALUE_MIN_BYTES = 64 * 1024;

// Redis refuses bulk strings over proto-max-bulk-len (512 MiB by default).
const MAX_VALUE_BYTES = 512 * 1024 * 1024;
// Blocking, pub/sub and MULTI units need room for setup, the action and its observation.
const MIN_COMMANDS_PER_UNIT = 4;
const MAX_COMMANDS_PER_UNIT = 64;
const MAX_KEY_POOL_SIZE = 1024;
// Timeouts go out as seconds with millisecond precision; below 10 ms a helper cannot act in time.
const MIN_BLOCKING_TIMEOUT_MS = 10;
const MAX_BLOCKING_TIMEOUT_MS = 60_000;

function isIntegerIn(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

/** Fills defaults and validates; the rest of the generator only sees the resolved form. */
export function resolveRespConstraints(constraints: RespConstraints = {}): ResolvedRespConstraints {
  const resolved: ResolvedRespConstraints = {
    maxCommandsPerUnit: constraints.maxCommandsPerUnit ?? 12,
    maxValueBytes: constraints.maxValueBytes ?? 8 * 1024 * 1024,
    keyPoolSize: constraints.keyPoolSize ?? 8,
    blockingTimeoutMs: constraints.blockingTimeoutMs ?? 1_000,
  };
  if (!isIntegerIn(resolved.maxCommandsPerUnit, MIN_COMMANDS_PER_UNIT, MAX_COMMANDS_PER_UNIT)) {
    throw new UsageError(
      `redis.maxCommandsPerUnit must be an integer from ${MIN_COMMANDS_PER_UNIT} to ${MAX_COMMANDS_PER_UNIT}, got ${resolved.maxCommandsPerUnit}`,
    );
  }
  if (!isIntegerIn(resolved.maxValueBytes, LARGE_VALUE_MIN_BYTES, MAX_VALUE_BYTES)) {
    throw new UsageError(
      `redis.maxValueBytes must be an integer from ${LARGE_VALUE_MIN_BYTES} (64 KiB) to ${MAX_VALUE_BYTES} (512 MiB), got ${resolved.maxValueBytes}`,
    );
  }
  if (!isIntegerIn(resolved.keyPoolSize, 1, MAX_KEY_POOL_SIZE)) {
    throw new UsageError(`redis.keyPoolSize must be an integer from 1 to ${MAX_KEY_POOL_SIZE}, got ${resolved.keyPoolSize}`);
  }
  if (!isIntegerIn(resolved.blockingTimeoutMs, MIN_BLOCKING_TIMEOUT_MS, MAX_BLOCKING_TIMEOUT_MS)) {
    throw new UsageError(
      `redis.blockingTimeoutMs must be an integer from ${MIN_BLOCKING_TIMEOUT_MS} to ${MAX_BLOCKING_TIMEOUT_MS}, got ${resolved.blockingTimeoutMs}`,
    );
  }
  return resolved;
}
