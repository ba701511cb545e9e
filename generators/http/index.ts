import type { GuidedGenerator } from '../types.js';
import { httpUnitArbitrary } from './arbitraries/http-unit.js';
import { seededStream } from '../_shared/seeded-stream.js';
import { resolveHttpConstraints, type HttpConstraints, type ResolvedHttpConstraints } from './constraints.js';
import { describeUnit, familyOf } from './describe.js';
import { executeHttpUnit } from './execute.js';
import { createGuidedHttp } from './guided.js';
import { crawledConstraints } from './prepare.js';
import type { HttpUnit } from './unit.js';

/** Everything built over one set of resolved constraints: the stream's arbitrary and guidance. */
function buildOver(c: ResolvedHttpConstraints) {
  return { arbitrary: httpUnitArbitrary(c), guided: createGuidedHttp(c) };
}

/**
 * An HTTP/1.x workload generator: well-formed requests through undici and hand-written (often
 * malformed) bytes through node:net, in seeded, replayable units. With `crawl` on (the default
 * when no paths are given) it has a `prepare` that adds the paths the server links to.
 */
export function createHttpGenerator(constraints?: HttpConstraints): GuidedGenerator<HttpUnit> {
  const resolved = resolveHttpConstraints(constraints);
  // `prepare` swaps this for arbitraries over the crawled paths; every method reads it late.
  let built = buildOver(resolved);
  const generator: GuidedGenerator<HttpUnit> = {
    name: 'http',
    families: built.guided.families,
    generate: (family, seed) => built.guided.generate(family, seed),
    mutate: (parent, seed, donor) => built.guided.mutate(parent, seed, donor),
    // The stream keeps the arbitrary it started with: a stream never changes under its reader.
    units: (seed) => seededStream(built.arbitrary, seed),
    execute: executeHttpUnit,
    family: familyOf,
    describe: describeUnit,
  };
  if (!resolved.crawl) return generator;
  return {
    ...generator,
    async prepare(endpoint, options) {
      // Always from the resolved constraints: a second prepare replaces the first one's paths.
      built = buildOver(await crawledConstraints(resolved, constraints?.paths ?? [], endpoint, options));
    },
  };
}

/** The HTTP generator with default constraints (DEFAULT_HTTP_PATHS plus crawled ones, 2 MiB bodies, all families). */
export const httpGenerator: GuidedGenerator<HttpUnit> = createHttpGenerator();

export { DEFAULT_HTTP_PATHS, resolveHttpConstraints } from './constraints.js';
export type { HttpConstraints } from './constraints.js';
export { crawlPaths } from './_internals/crawl.js';
export { HTTP_FAMILIES } from './unit.js';
export type { ClientUnit, HeaderPair, HttpUnit, RawMessage, RawRequest, RawUnit, RequestFlaw } from './unit.js';
