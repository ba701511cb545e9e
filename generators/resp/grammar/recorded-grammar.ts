import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../../src/shared/package-root.js';
import type { RespGrammar } from './grammar.js';

/** Where the grammar recorded from sandfuzz/redis (Debian bookworm, redis 7.0) is committed. */
export const RECORDED_GRAMMAR_PATH = join('generators', 'resp', 'recorded-grammar.json');

let cached: RespGrammar | null = null;

/**
 * The grammar `generate` uses before (or without) `prepare`. Read from the source tree through
 * the package root, so the same file serves tests (generators/resp) and the build (dist/...),
 * which tsc does not copy JSON into.
 */
export function recordedGrammar(): RespGrammar {
  cached ??= JSON.parse(readFileSync(join(packageRoot(), RECORDED_GRAMMAR_PATH), 'utf8')) as RespGrammar;
  return cached;
}
