import { UsageError } from '../../src/errors.js';
import { HTTP_FAMILIES, type HttpFamily } from './unit.js';

/** What the HTTP generator may produce. Every field is optional. */
export interface HttpConstraints {
  /**
   * Paths that exist on the target; the generator also derives missing, encoded and dotted
   * variants from them.
   * @defaultValue ['/', '/index.nginx-debian.html', '/big.bin', '/medium.bin', '/dir/']
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
}

export type ResolvedHttpConstraints = Required<HttpConstraints>;

export const DEFAULT_HTTP_PATHS: readonly string[] = [
  '/',
  '/index.nginx-debian.html',
  '/big.bin',
  '/medium.bin',
  '/dir/',
];

/** Paths undici accepts as-is: a leading slash, then visible ASCII only. */
const SENDABLE_PATH = /^\/[\x21-\x7e]*$/;

// A path shorter than this leaves no room for the derived variants (suffixes, dot segments).
const MIN_PATH_BYTES = 64;

/** Fills defaults and validates; the rest of the generator only sees the resolved form. */
export function resolveHttpConstraints(constraints: HttpConstraints = {}): ResolvedHttpConstraints {
  const resolved: ResolvedHttpConstraints = {
    paths: constraints.paths ?? DEFAULT_HTTP_PATHS,
    maxBodyBytes: constraints.maxBodyBytes ?? 2 * 1024 * 1024,
    maxPathBytes: constraints.maxPathBytes ?? 10 * 1024,
    maxRequestsPerUnit: constraints.maxRequestsPerUnit ?? 8,
    maxConnections: constraints.maxConnections ?? 3,
    families: constraints.families ?? HTTP_FAMILIES,
  };
  if (resolved.paths.length === 0) {
    throw new UsageError('http.paths must list at least one existing path');
  }
  for (const path of resolved.paths) {
    if (!SENDABLE_PATH.test(path)) {
      throw new UsageError(
        `http.paths entry ${JSON.stringify(path)} must start with '/' and contain only visible ASCII`,
      );
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
    throw new UsageError(
      `http.maxPathBytes (${resolved.maxPathBytes}) must be at least the longest http.paths entry (${longestPath})`,
    );
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
      throw new UsageError(
        `http.families entry '${String(family)}' is unknown (known: ${HTTP_FAMILIES.join(', ')})`,
      );
    }
  }
  return resolved;
}

function isPositiveInteger(value: number): boolean {
  return Number.isInteger(value) && value > 0;
}
