import { parse as parseYaml } from 'yaml';
import { InputFileError } from '../../../src/shared/errors.js';

export function firstLine(message: string): string {
  return (
    message
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? message
  );
}

/** A description's text as an object: JSON when it looks like JSON, YAML otherwise. */
export function parseDescriptionText(source: string, text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = /^\s*[{[]/.test(text) ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    const why = err instanceof Error ? firstLine(err.message) : String(err);
    throw new InputFileError(`${source}: neither JSON nor YAML (${why})`, { cause: err });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputFileError(`${source}: not an OpenAPI description: expected an object`);
  }
  const document = value as Record<string, unknown>;
  if (typeof document.openapi !== 'string' && typeof document.swagger !== 'string') {
    throw new InputFileError(`${source}: not an OpenAPI description: no "openapi" or "swagger" version field`);
  }
  return document;
}
