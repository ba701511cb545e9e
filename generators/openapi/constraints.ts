import { UsageError } from '../../src/shared/errors.js';
import type { OpenApiSource } from './model/load-document.js';

/** What the OpenAPI generator reads and may produce. Only `source` is required. */
export interface OpenApiConstraints {
  /** The description: a file on the host, or a path fetched from the running server by prepare(). */
  readonly source: OpenApiSource;
  /**
   * Most requests in one unit: producers of path parameters first, then the main operation.
   * @defaultValue 4
   */
  readonly maxSteps?: number;
  /**
   * Share of generated units (after the examples) whose main request is deliberately invalid.
   * @defaultValue 0.25
   */
  readonly invalidShare?: number;
  /**
   * Units per operation drawn from the description's examples first: the first rounds of
   * `units(seed)`, and seeds 0 to exampleUnits - 1 of `generate`.
   * @defaultValue 2
   */
  readonly exampleUnits?: number;
  /**
   * Nesting of generated bodies below which only required properties are filled in.
   * @defaultValue 4
   */
  readonly maxDepth?: number;
  /**
   * Most items in a generated array (unless the schema's minItems asks for more).
   * @defaultValue 4
   */
  readonly maxItems?: number;
  /**
   * Longest generated plain string (unless the schema's minLength asks for more).
   * @defaultValue 32
   */
  readonly maxStringLength?: number;
}

export type ResolvedOpenApiConstraints = Required<OpenApiConstraints>;

// More steps than this is no longer "a short sequence": chains deeper than this are rare in
// real APIs, and every step costs a round trip of the unit's budget.
const MAX_STEPS_LIMIT = 8;

function isIntegerIn(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

function resolveSource(source: unknown): OpenApiSource {
  if (typeof source !== 'object' || source === null) {
    throw new UsageError("openapi.source must be { file: '<path on the host>' } or { path: '/openapi.json' }");
  }
  const { file, path } = source as { file?: unknown; path?: unknown };
  if (file !== undefined && path !== undefined) throw new UsageError('openapi.source takes a file or a path, not both');
  if (file !== undefined) {
    if (typeof file !== 'string' || file.trim() === '') throw new UsageError('openapi.source.file must be a non-empty file path');
    return { file };
  }
  if (typeof path !== 'string' || !/^\/[\x21-\x7e]*$/.test(path)) {
    throw new UsageError(`openapi.source.path must start with '/' and contain only visible ASCII, got ${JSON.stringify(path)}`);
  }
  return { path };
}

/** Fills defaults and validates; the rest of the generator only sees the resolved form. */
export function resolveOpenApiConstraints(constraints: OpenApiConstraints): ResolvedOpenApiConstraints {
  const resolved: ResolvedOpenApiConstraints = {
    source: resolveSource(constraints?.source),
    maxSteps: constraints.maxSteps ?? 4,
    invalidShare: constraints.invalidShare ?? 0.25,
    exampleUnits: constraints.exampleUnits ?? 2,
    maxDepth: constraints.maxDepth ?? 4,
    maxItems: constraints.maxItems ?? 4,
    maxStringLength: constraints.maxStringLength ?? 32,
  };
  if (!isIntegerIn(resolved.maxSteps, 1, MAX_STEPS_LIMIT)) {
    throw new UsageError(`openapi.maxSteps must be an integer from 1 to ${MAX_STEPS_LIMIT}`);
  }
  if (!(resolved.invalidShare >= 0 && resolved.invalidShare <= 1)) {
    throw new UsageError('openapi.invalidShare must be a number from 0 to 1');
  }
  if (!isIntegerIn(resolved.exampleUnits, 0, 1000)) throw new UsageError('openapi.exampleUnits must be an integer from 0 to 1000');
  if (!isIntegerIn(resolved.maxDepth, 1, 16)) throw new UsageError('openapi.maxDepth must be an integer from 1 to 16');
  if (!isIntegerIn(resolved.maxItems, 0, 64)) throw new UsageError('openapi.maxItems must be an integer from 0 to 64');
  if (!isIntegerIn(resolved.maxStringLength, 1, 4096)) {
    throw new UsageError('openapi.maxStringLength must be an integer from 1 to 4096');
  }
  return resolved;
}
