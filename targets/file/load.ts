import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { InputFileError } from '../../src/shared/errors.js';
import type { TargetDefinition } from '../types.js';
import { describeIssues } from './errors.js';
import { definitionOf } from './definition.js';
import { targetFileSchema, type TargetFile } from './schema.js';

/** compose's extension fields: tools keep their own settings there; sandfuzz ignores them. */
function withoutExtensions(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !k.startsWith('x-')));
}

/** Parses and validates a target file's text; errors are one line naming the file and the field. */
export function parseTargetFile(text: string, displayName: string): TargetFile {
  let raw: unknown;
  try {
    // YAML 1.2 is a superset of JSON: one parser reads both.
    raw = parseYaml(text, { prettyErrors: false, uniqueKeys: true });
  } catch (err) {
    const first = (err as Error).message.split('\n')[0];
    throw new InputFileError(`${displayName}: not YAML or JSON: ${first}`, { cause: err });
  }
  const input = withoutExtensions(raw);
  const result = targetFileSchema.safeParse(input);
  if (!result.success) throw new InputFileError(describeIssues(displayName, result.error.issues, input));
  return result.data;
}

/** Reads a target file (YAML or JSON) into a target definition. */
export function loadTargetFile(path: string, kind: 'builtin' | 'file' = 'file'): TargetDefinition {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'a folder, not a file'
          : code === 'EACCES'
            ? 'permission denied'
            : (err as Error).message;
    throw new InputFileError(`cannot read target file ${path}: ${why}`, { cause: err });
  }
  const file = parseTargetFile(bytes.toString('utf8'), basename(path));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return definitionOf(file, { kind, path, sha256 });
}
