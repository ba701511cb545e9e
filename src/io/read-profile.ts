import { readFile } from 'node:fs/promises';
import { InputFileError } from '../shared/errors.js';
import { type ParsedProfile, parseAnyProfile } from '../profile/formats/index.js';

/** Reads a profile file in any format (docker, oci, k8s; detected); one-line InputFileError on failure. */
export async function readProfileFile(path: string): Promise<ParsedProfile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new InputFileError(`cannot read ${path}: ${why}`, { cause: err });
  }
  return parseAnyProfile(text, path);
}
