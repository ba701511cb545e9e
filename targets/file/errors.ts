import type { z } from 'zod';

/** 'lifecycle[1].exec' from ['lifecycle', 1, 'exec']. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  return out;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}

/** zod's stock wording, in the file's terms: "expected a string, got a number". */
function wording(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `'${k}'`).join(', ');
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${keys}`;
  }
  if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')) {
    const article = /^[aeiou]/.test(issue.expected) ? 'an' : 'a';
    return `expected ${article} ${issue.expected}, got ${typeName(input)}`;
  }
  return issue.message;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur = root;
  for (const part of path) cur = cur !== null && typeof cur === 'object' ? (cur as Record<PropertyKey, unknown>)[part] : undefined;
  return cur;
}

/**
 * One line for the first problem in a file, naming the field: `web.yaml: lifecycle[1].exec:
 * expected a list of strings`. A wrong element of a list of strings names the list.
 */
export function describeIssues(file: string, issues: readonly z.core.$ZodIssue[], input: unknown): string {
  const sorted = [...issues].sort((a, b) => fieldPath(a.path).localeCompare(fieldPath(b.path)));
  const first = sorted[0]!;
  let path = first.path;
  if (first.message.startsWith('expected a list of') && typeof path.at(-1) === 'number') path = path.slice(0, -1);
  if (first.code === 'unrecognized_keys' && path.length === 0) path = [];
  const where = fieldPath(path);
  const more = sorted.length > 1 ? ` (and ${sorted.length - 1} more problem${sorted.length > 2 ? 's' : ''})` : '';
  return `${file}: ${where ? `${where}: ` : ''}${wording(first, valueAt(input, first.path))}${more}`;
}
