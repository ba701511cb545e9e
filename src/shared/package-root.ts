import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package root: the nearest ancestor of this module holding a package.json. Walking up (rather
 * than a fixed '..') makes the same code work from src/shared/package-root.ts (vitest, tsx) and
 * from dist/src/shared/package-root.js, whose targets' Dockerfiles stay in the source tree
 * because tsc does not copy them.
 */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
}
