import type { JsonValue, StepReference } from '../unit.js';

/** What a step's answer left for later steps to refer to. */
export interface StepOutcome {
  readonly status: number;
  /** The parsed JSON body, undefined when the body was not JSON (or too large to keep). */
  readonly json: unknown;
  readonly location: string | null;
}

function pointerTokens(pointer: string): string[] | null {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return null;
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function atPointer(document: unknown, pointer: string): unknown {
  const tokens = pointerTokens(pointer);
  if (!tokens) return undefined;
  let at: unknown = document;
  for (const token of tokens) {
    if (typeof at !== 'object' || at === null || !Object.hasOwn(at, token)) return undefined;
    at = (at as Record<string, unknown>)[token];
  }
  return at;
}

function lastSegment(location: string): string | undefined {
  try {
    const segments = new URL(location, 'http://placeholder/').pathname.split('/').filter((s) => s !== '');
    const last = segments.at(-1);
    return last === undefined ? undefined : decodeURIComponent(last);
  } catch {
    return undefined;
  }
}

/**
 * The value a reference points at in an earlier step's 2xx answer: a scalar at the JSON pointer,
 * or the last path segment of Location. Undefined when it cannot be resolved (the producer
 * failed, or answered without it); the caller then sends the parameter's own value.
 */
export function resolveReference(ref: StepReference, outcomes: readonly (StepOutcome | undefined)[]): JsonValue | undefined {
  const outcome = outcomes[ref.step];
  if (!outcome || outcome.status < 200 || outcome.status > 299) return undefined;
  if ('location' in ref) return outcome.location === null ? undefined : lastSegment(outcome.location);
  const value = atPointer(outcome.json, ref.pointer);
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
}
