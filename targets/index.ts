import { UsageError } from '../src/errors.js';
import { nginx } from './nginx/target.js';
import { postgres } from './postgres/target.js';
import { redis } from './redis/target.js';
import type { TargetSpec } from './types.js';

/** Every server sandfuzz can mine, by name: the single source of target names. */
export const TARGETS = { nginx, redis, postgres } as const;

export type TargetName = keyof typeof TARGETS;

export const TARGET_NAMES = Object.keys(TARGETS) as readonly TargetName[];

export function isTargetName(name: string): name is TargetName {
  return Object.hasOwn(TARGETS, name);
}

/** The spec for `name`; throws UsageError naming the valid targets when there is none. */
export function getTarget(name: string): TargetSpec {
  if (!isTargetName(name)) {
    throw new UsageError(`unknown target "${name}": choose one of ${TARGET_NAMES.join(', ')}`);
  }
  return TARGETS[name];
}

export function listTargets(): readonly TargetSpec[] {
  return TARGET_NAMES.map((name) => TARGETS[name]);
}
