import { InputFileError } from '../../shared/errors.js';
import { parseProfile } from '../parse.js';
import type { SeccompProfile } from '../seccomp.js';

/** A decoded JSON object. */
export type JsonObject = { readonly [key: string]: unknown };

/** True for a non-null, non-array object. */
export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * JSON.parse with a one-line InputFileError. sandfuzz reads JSON only (its k8s output is JSON,
 * which kubectl accepts), so YAML input gets a hint on how to turn it into JSON.
 */
export function readJson(text: string, source: string): unknown {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(body);
  } catch (err) {
    if (/^\s*(apiVersion|kind)\s*:/m.test(body)) {
      throw new InputFileError(`${source}: YAML is not read, only JSON: convert it first (yq -o json ${source})`, { cause: err });
    }
    // V8 quotes the text it choked on, newlines and all: keep the message on one line.
    const why = err instanceof Error ? err.message.replace(/\s*\n\s*/g, ' ') : String(err);
    throw new InputFileError(`${source}: not valid JSON (${why})`, { cause: err });
  }
}

/** Validates a decoded seccomp object with parseProfile's rules (one validator for every format). */
export function validateProfile(json: unknown, source: string): SeccompProfile {
  return parseProfile(JSON.stringify(json) ?? 'undefined', source);
}

/** JSON with keys sorted at every depth and no whitespace: a stable identity for free-form values. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortDeep(value)) ?? 'null';
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (!isObject(value)) return value;
  const out: { [key: string]: unknown } = {};
  for (const key of Object.keys(value).sort()) out[key] = sortDeep(value[key]);
  return out;
}
