import type { MediaKind, MediaSpec } from './operation.js';
import { asSchema } from '../schema/json-schema.js';

// What to send for a wildcard the description accepts: JSON, as most APIs mean by it.
const WILDCARDS = new Set(['*/*', 'application/*']);

/** How a body of `contentType` is written: JSON, urlencoded form, multipart form, or text as-is. */
export function mediaKind(contentType: string): MediaKind {
  const base = contentType.split(';')[0]!.trim().toLowerCase();
  if (base === 'application/json' || base.endsWith('+json') || WILDCARDS.has(base)) return 'json';
  if (base === 'application/x-www-form-urlencoded') return 'form';
  if (base.startsWith('multipart/')) return 'multipart';
  return 'text';
}

const KIND_ORDER: readonly MediaKind[] = ['json', 'form', 'multipart', 'text'];

/** One media spec; the content type is what goes on the wire (a wildcard becomes application/json). */
export function mediaSpec(contentType: string, schema: unknown, examples: readonly unknown[]): MediaSpec {
  const kind = mediaKind(contentType);
  const base = contentType.split(';')[0]!.trim().toLowerCase();
  const sent = WILDCARDS.has(base) ? 'application/json' : base.startsWith('multipart/') ? 'multipart/form-data' : contentType;
  return { contentType: sent, kind, schema: asSchema(schema), examples };
}

/** JSON first, then forms, then the rest; document order within a kind. */
export function orderMedia(media: readonly MediaSpec[]): MediaSpec[] {
  return [...media].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
}

/** `examples: { name: { value } }` (3.x) as a list of values, plus a single `example`. */
export function namedExamples(holder: Record<string, unknown>): unknown[] {
  const found: unknown[] = [];
  if ('example' in holder && holder.example !== undefined) found.push(holder.example);
  const examples = holder.examples;
  if (typeof examples === 'object' && examples !== null && !Array.isArray(examples)) {
    for (const example of Object.values(examples)) {
      if (typeof example === 'object' && example !== null && 'value' in example) found.push((example as { value: unknown }).value);
    }
  }
  return found;
}
