import type { FormSpec } from './_internals/link-extract.js';
import { UsageError } from '../../src/shared/errors.js';
import { HTTP_FAMILIES, type HttpFamily } from './unit.js';

/** What the HTTP generator may produce. Every field is optional. */
export interface HttpConstraints {
  /**
   * Paths that exist on the target; the generator also derives missing, encoded and dotted
   * variants from them.
   * @defaultValue ['/'], crawled from there (DEFAULT_HTTP_PATHS when crawl is turned off)
   */
  readonly paths?: readonly string[];
  /**
   * Largest request body, in bytes.
   * @defaultValue 2097152 (2 MiB)
   */
  readonly maxBodyBytes?: number;
  /**
   * Longest generated path, in bytes.
   * @defaultValue 10240
   */
  readonly maxPathBytes?: number;
  /**
   * Most requests in one unit.
   * @defaultValue 8
   */
  readonly maxRequestsPerUnit?: number;
  /**
   * Most connections one unit opens.
   * @defaultValue 3
   */
  readonly maxConnections?: number;
  /**
   * Families to generate, without the `http:` prefix.
   * @defaultValue every family in HTTP_FAMILIES
   */
  readonly families?: readonly HttpFamily[];
  /**
   * Before the first unit (`prepare`), GET `/` and the given paths and follow the links of the
   * HTML answers (same origin only), adding the paths found to `paths`.
   * @defaultValue true when `paths` is not given (an image nobody described), false when it is
   */
  readonly crawl?: boolean;
  /**
   * Most pages the crawl fetches.
   * @defaultValue 40
   */
  readonly maxCrawlPages?: number;
  /**
   * Most paths the generator draws from, given and crawled together.
   * @defaultValue 200
   */
  readonly maxPaths?: number;
  /**
   * HTML forms the server offers (a crawl adds the ones it finds): the form family fills in
   * their fields, as JSON and as urlencoded bodies.
   * @defaultValue []
   */
  readonly forms?: readonly FormSpec[];
}

export type ResolvedHttpConstraints = Required<HttpConstraints>;

export type { FormSpec };

export const DEFAULT_HTTP_PATHS: readonly string[] = ['/', '/index.nginx-debian.html', '/big.bin', '/medium.bin', '/dir/'];

/** Paths undici accepts as-is: a leading slash, then visible ASCII only. */
const SENDABLE_PATH = /^\/[\x21-\x7e]*$/;

// A path shorter than this leaves no room for the derived variants (suffixes, dot segments).
const MIN_PATH_BYTES = 64;

/** Fills defaults and validates; the rest of the generator only sees the resolved form. */
export function resolveHttpConstraints(constraints: HttpConstraints = {}): ResolvedHttpConstraints {
  // A target that lists its paths knows them; one that lists none leaves the server to say, from
  // its root: nginx's file names are no guess for a server sandfuzz never saw.
  const crawl = constraints.crawl ?? constraints.paths === undefined;
  const resolved: ResolvedHttpConstraints = {
    paths: constraints.paths ?? (crawl ? ['/'] : DEFAULT_HTTP_PATHS),
    maxBodyBytes: constraints.maxBodyBytes ?? 2 * 1024 * 1024,
    maxPathBytes: constraints.maxPathBytes ?? 10 * 1024,
    maxRequestsPerUnit: constraints.maxRequestsPerUnit ?? 8,
    maxConnections: constraints.maxConnections ?? 3,
    families: constraints.families ?? HTTP_FAMILIES,
    crawl,
    maxCrawlPages: constraints.maxCrawlPages ?? 40,
    maxPaths: constraints.maxPaths ?? 200,
    forms: constraints.forms ?? [],
  };
  if (resolved.paths.length === 0) {
    throw new UsageError('http.paths must list at least one existing path');
  }
  for (const path of resolved.paths) {
    if (!SENDABLE_PATH.test(path)) {
      throw new UsageError(`http.paths entry ${JSON.stringify(path)} must start with '/' and contain only visible ASCII`);
    }
  }
  if (!isPositiveInteger(resolved.maxBodyBytes)) {
    throw new UsageError('http.maxBodyBytes must be a positive integer');
  }
  if (!Number.isInteger(resolved.maxPathBytes) || resolved.maxPathBytes < MIN_PATH_BYTES) {
    throw new UsageError(`http.maxPathBytes must be an integer of at least ${MIN_PATH_BYTES}`);
  }
  const longestPath = Math.max(...resolved.paths.map((p) => p.length));
  if (longestPath > resolved.maxPathBytes) {
    throw new UsageError(`http.maxPathBytes (${resolved.maxPathBytes}) must be at least the longest http.paths entry (${longestPath})`);
  }
  if (!isPositiveInteger(resolved.maxRequestsPerUnit)) {
    throw new UsageError('http.maxRequestsPerUnit must be a positive integer');
  }
  if (!isPositiveInteger(resolved.maxConnections)) {
    throw new UsageError('http.maxConnections must be a positive integer');
  }
  if (resolved.families.length === 0) {
    throw new UsageError('http.families must name at least one family');
  }
  for (const family of resolved.families) {
    if (!(HTTP_FAMILIES as readonly string[]).includes(family)) {
      throw new UsageError(`http.families entry '${String(family)}' is unknown (known: ${HTTP_FAMILIES.join(', ')})`);
    }
  }
  if (typeof resolved.crawl !== 'boolean') {
    throw new UsageError('http.crawl must be true or false');
  }
  if (!isPositiveInteger(resolved.maxCrawlPages)) {
    throw new UsageError('http.maxCrawlPages must be a positive integer');
  }
  if (!isPositiveInteger(resolved.maxPaths)) {
    throw new UsageError('http.maxPaths must be a positive integer');
  }
  if (resolved.paths.length > resolved.maxPaths) {
    throw new UsageError(`http.maxPaths (${resolved.maxPaths}) must be at least the number of http.paths entries (${resolved.paths.length})`);
  }
  return resolved;
}

/**
 * Whether `path` can join `paths`: sendable as-is and within `maxPathBytes` (crawled links are
 * filtered with it, so the resolved form stays valid).
 */
export function isUsablePath(path: string, c: Pick<ResolvedHttpConstraints, 'maxPathBytes'>): boolean {
  return SENDABLE_PATH.test(path) && path.length <= c.maxPathBytes;
}

/**
 * The constraints with crawled paths added: the given paths first in their order (the stream
 * favours early entries), then the new ones sorted, all within `maxPaths`. `found` is in
 * discovery order, so a cap keeps the paths nearest the root.
 */
export function withCrawledPaths(c: ResolvedHttpConstraints, found: readonly string[], forms: readonly FormSpec[] = []): ResolvedHttpConstraints {
  const known = new Set(c.paths);
  const fresh = [...new Set(found)].filter((p) => !known.has(p) && isUsablePath(p, c));
  const added = fresh.slice(0, Math.max(0, c.maxPaths - c.paths.length)).sort();
  // Forms by action and method, deduplicated and sorted: the same server gives the same units.
  const byKey = new Map(c.forms.map((f) => [`${f.method} ${f.action}`, f]));
  for (const f of forms) if (isUsablePath(f.action, c) && !byKey.has(`${f.method} ${f.action}`)) byKey.set(`${f.method} ${f.action}`, f);
  const allForms = [...byKey.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, f]) => f);
  if (added.length === 0 && allForms.length === c.forms.length) return c;
  return { ...c, paths: [...c.paths, ...added], forms: allForms };
}

function isPositiveInteger(value: number): boolean {
  return Number.isInteger(value) && value > 0;
}
