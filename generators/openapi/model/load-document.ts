import { readFile } from 'node:fs/promises';
import { dereference, validate, type ParserOptions } from '@readme/openapi-parser';
import { InputFileError, UsageError } from '../../../src/shared/errors.js';
import type { Endpoint } from '../../types.js';
import { buildModel } from './build-model.js';
import { fetchDescription } from './fetch-description.js';
import type { OpenApiModel } from './operation.js';
import { firstLine, parseDescriptionText } from './parse-text.js';

/** Where the description comes from: a file on the host, or a path the running server answers. */
export type OpenApiSource = { readonly file: string } | { readonly path: string };

const DEFAULT_TIMEOUT_MS = 10_000;

// The parser's own consistency checks, beyond the OpenAPI schema. Real descriptions break these
// often (duplicate operationIds, a path parameter left undeclared) and generation copes with
// each, so they warn rather than reject the description.
const LENIENT = {
  'array-without-items': 'warning',
  'duplicate-non-request-body-parameters': 'warning',
  'duplicate-operation-id': 'warning',
  'non-optional-path-parameters': 'warning',
  'path-parameters-not-in-parameters': 'warning',
  'path-parameters-not-in-path': 'warning',
} as const;

const OPTIONS: ParserOptions = {
  validate: { rules: { openapi: LENIENT, swagger: { ...LENIENT, 'unknown-required-schema-property': 'warning' } } },
};

type ParserInput = Parameters<typeof dereference>[0];

function invalid(source: string, problem: unknown, cause?: unknown): InputFileError {
  const message = problem instanceof Error ? problem.message : String(problem);
  return new InputFileError(`${source}: not a valid OpenAPI description: ${firstLine(message)}`, { cause });
}

/**
 * Validates and dereferences a description. A file is handed to the parser by path so that
 * relative `$ref`s to other files resolve; a fetched one as the object (its refs stay in-document).
 */
async function dereferenced(source: string, target: string | Record<string, unknown>): Promise<Record<string, unknown>> {
  // validate() dereferences what it is given in place: each call gets its own copy.
  const copy = (): ParserInput => (typeof target === 'string' ? target : (structuredClone(target) as ParserInput));
  try {
    const result = await validate(copy(), OPTIONS);
    if (!result.valid) throw invalid(source, result.errors[0]?.message ?? 'rejected by the validator');
    return (await dereference(copy(), OPTIONS)) as unknown as Record<string, unknown>;
  } catch (err) {
    if (err instanceof InputFileError) throw err;
    throw invalid(source, err, err);
  }
}

async function readDescriptionFile(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new InputFileError(`${file}: cannot be read (${code})`, { cause: err });
  }
  return parseDescriptionText(file, text);
}

/**
 * Reads an OpenAPI description (Swagger 2.0, OpenAPI 3.0 or 3.1; JSON or YAML) from a file or
 * from `endpoint` + path, validates and dereferences it, and turns it into the operation model.
 * Every failure is an InputFileError with one line naming the file or request.
 */
export async function loadOpenApiDocument(source: OpenApiSource, endpoint?: Endpoint, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<OpenApiModel> {
  if ('file' in source) {
    // Read and parsed here first for a clear one-line message; the parser then reads it by path.
    await readDescriptionFile(source.file);
    return buildModel(source.file, await dereferenced(source.file, source.file));
  }
  if (!endpoint) throw new UsageError(`openapi.source.path ${source.path} is read from the running server: pass its endpoint`);
  const name = `GET ${source.path}`;
  const document = parseDescriptionText(name, await fetchDescription(source.path, endpoint, timeoutMs));
  return buildModel(name, await dereferenced(name, document));
}
