import { getTarget, TARGET_NAMES, type BuiltinTargetName } from '../../targets/index.js';
import { resolveTargetSpec } from '../../targets/resolve.js';
import type { TargetSpec } from '../../targets/types.js';

/** A target ready to run (protocol and port as its file names them; nothing guessed). */
export function specOf(ref: string): TargetSpec {
  return resolveTargetSpec(getTarget(ref), []).spec;
}

/** The built-in targets, resolved: what the e2e tests start and compare against. */
export const TARGETS = Object.fromEntries(TARGET_NAMES.map((n) => [n, specOf(n)])) as Record<BuiltinTargetName, TargetSpec>;
