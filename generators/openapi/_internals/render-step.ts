import type { OpenApiStep } from '../unit.js';
import { encodeBody } from './encode-body.js';
import { resolveReference, type StepOutcome } from './resolve-reference.js';
import { HEADER_NAME, headerValue, pathValue, queryPairs } from './serialize-parameters.js';

/** A step as undici sends it. */
export interface RenderedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer | null;
}

/**
 * The request for a step, references resolved against the answers so far: the base path and
 * the template with path parameters substituted, the query string, headers, cookies and body.
 */
export function renderStep(basePath: string, step: OpenApiStep, outcomes: readonly (StepOutcome | undefined)[]): RenderedRequest {
  const headers: Record<string, string> = {};
  const query: string[] = [];
  const cookies: string[] = [];
  const pathValues = new Map<string, string>();
  for (const p of step.parameters) {
    const value = (p.$ref ? resolveReference(p.$ref, outcomes) : undefined) ?? p.value;
    if (p.in === 'path') pathValues.set(p.name, pathValue(p, value));
    else if (p.in === 'query') query.push(...queryPairs(p, value));
    else if (p.in === 'header' && HEADER_NAME.test(p.name)) headers[p.name.toLowerCase()] = headerValue(value, p.explode);
    else if (p.in === 'cookie') cookies.push(`${encodeURIComponent(p.name)}=${encodeURIComponent(headerValue(value, p.explode))}`);
  }
  if (cookies.length > 0) headers.cookie = cookies.join('; ');
  // A template parameter without a value (a mutation dropped it) stays as written, braces encoded.
  const filled = step.pathTemplate
    .split(/(\{[^}]+\})/)
    .map((part) => (/^\{[^}]+\}$/.test(part) ? (pathValues.get(part.slice(1, -1)) ?? encodeURIComponent(part)) : encodeURI(part)))
    .join('');
  const path = `${encodeURI(basePath)}${filled}` || '/';
  let body: Buffer | null = null;
  if (step.body) {
    const encoded = encodeBody(step.body);
    body = encoded.bytes;
    headers['content-type'] = encoded.contentType;
  }
  return { method: step.method, path: query.length > 0 ? `${path}?${query.join('&')}` : path, headers, body };
}
