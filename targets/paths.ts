import { join } from 'node:path';
import { packageRoot } from '../src/shared/package-root.js';

/** Absolute path of a target's build context: <package root>/targets/<name>. */
export function targetContextDir(name: string): string {
  return join(packageRoot(), 'targets', name);
}
