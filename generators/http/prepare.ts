import { UsageError } from '../../src/shared/errors.js';
import type { Endpoint, ExecuteOptions } from '../types.js';
import { crawlPaths } from './_internals/crawl.js';
import type { FormSpec } from './_internals/link-extract.js';
import { isUsablePath, withCrawledPaths, type ResolvedHttpConstraints } from './constraints.js';

/**
 * The constraints with the paths a crawl of the running server found: it starts at `/` and the
 * paths the target gave (`givenPaths`), follows same-origin links in HTML answers, and adds
 * what it found to `c.paths`. A server that serves no HTML, or none at all, leaves `c` as it was:
 * the default paths still make a workload, and the engine's health checks judge the server.
 */
export async function crawledConstraints(
  c: ResolvedHttpConstraints,
  givenPaths: readonly string[],
  endpoint: Endpoint,
  options: ExecuteOptions,
): Promise<ResolvedHttpConstraints> {
  const { timeoutMs } = options;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new UsageError(`http prepare timeoutMs must be a positive number, got ${timeoutMs}`);
  }
  const forms: FormSpec[] = [];
  const found = await crawlPaths(endpoint, {
    seeds: [...new Set(['/', ...givenPaths])],
    maxPages: c.maxCrawlPages,
    maxPaths: c.maxPaths,
    timeoutMs,
    usable: (path) => isUsablePath(path, c),
    onForms: (f) => forms.push(...f),
  });
  return withCrawledPaths(c, found, forms);
}
