import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UnknownTargetError } from '../src/shared/errors.js';
import { loadTargetFile } from './file/load.js';
import { targetContextDir } from './paths.js';
import type { TargetDefinition } from './types.js';

/**
 * The built-in targets, by name: each is a target file like a user's (targets/<name>/target.yaml)
 * with its image recipe beside it. The single source of built-in names.
 */
const BUILTIN_TARGETS = ['nginx', 'redis', 'postgres'] as const;

export type BuiltinTargetName = (typeof BUILTIN_TARGETS)[number];

export const TARGET_NAMES: readonly BuiltinTargetName[] = BUILTIN_TARGETS;

export function isTargetName(name: string): name is BuiltinTargetName {
  return (BUILTIN_TARGETS as readonly string[]).includes(name);
}

/** Where a built-in's target file lives. */
export function builtinTargetFile(name: BuiltinTargetName): string {
  return join(targetContextDir(name), 'target.yaml');
}

const loaded = new Map<string, TargetDefinition>();

/** A target file names a path: it has a slash or a YAML/JSON extension, or exists. */
export function looksLikeTargetFile(ref: string): boolean {
  return ref.includes('/') || /\.(ya?ml|json)$/i.test(ref) || existsSync(ref);
}

/**
 * The definition for `--target`: a built-in name or a target file path. Throws UnknownTargetError naming
 * the built-ins for anything else, InputFileError for a file that is not a valid target.
 */
export function getTarget(ref: string): TargetDefinition {
  if (isTargetName(ref)) {
    let def = loaded.get(ref);
    if (!def) loaded.set(ref, (def = loadTargetFile(builtinTargetFile(ref), 'builtin')));
    return def;
  }
  if (looksLikeTargetFile(ref)) return loadTargetFile(ref);
  throw new UnknownTargetError(`unknown target "${ref}": give a target file (YAML or JSON) or a built-in: ${TARGET_NAMES.join(', ')}`);
}

export function listTargets(): readonly TargetDefinition[] {
  return BUILTIN_TARGETS.map((name) => getTarget(name));
}
