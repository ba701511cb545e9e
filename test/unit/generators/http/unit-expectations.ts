import { fillPath } from '../../../../generators/http/_internals/placeholders.js';
import { METHODS } from 'node:http';
import { expect } from 'vitest';
import type { ClientUnit, HeaderPair, RawMessage, RawUnit } from '../../../../generators/http/index.js';
import type { RecordingServer, SeenRequest } from './recording-server.js';

/** `200 len=123 sha1=0123abcd`, `http/0.9 len=...`: what a complete response becomes. */
export const RESPONSE_ANSWER = /^(\d{3}|http\/0\.9) len=\d+ sha1=[0-9a-f]{8}$/;
export const NODE_REFUSAL = '400 len=0 sha1=da39a3ee';

/** Header names whose value differs from what the unit says; placeholders only need to be present. */
function headerMismatches(seen: SeenRequest, headers: readonly HeaderPair[]): string[] {
  return headers
    .filter(([name, value]) => {
      const got = seen.headers[name.toLowerCase()];
      // Placeholder values are filled from earlier responses: only their presence is known here.
      return value.includes('{{') ? got === undefined : got !== value;
    })
    .map(([name]) => name);
}

function expectHeaders(seen: SeenRequest, headers: readonly HeaderPair[]): void {
  expect(headerMismatches(seen, headers)).toEqual([]);
}

/** Node's parser only knows the methods in http.METHODS; it refuses the others with a 400. */
function nodeKnowsMethod(method: string): boolean {
  return METHODS.includes(method);
}

/** The server saw each request Node can parse, with its method, path, headers and body size. */
export function expectClientUnitSeen(unit: ClientUnit, answers: readonly string[], server: RecordingServer): void {
  const accepted = unit.requests.filter((r) => nodeKnowsMethod(r.method));
  // The recording server names nothing it created: a follow-up goes to the stable stand-in.
  const key = (method: string, url: string): string => `${method} ${fillPath(url, { etag: null, lastModified: null, created: null })}`;
  const seenKeys = server.seen.map((s) => key(s.method, s.url)).sort();
  expect(seenKeys).toEqual(accepted.map((r) => key(r.method, r.path)).sort());
  // Requests on different connections arrive in any order: match each to a seen one, the
  // requests with the most headers first so a bare duplicate cannot take their match.
  const unmatched = [...server.seen];
  for (const request of [...accepted].sort((a, b) => b.headers.length - a.headers.length)) {
    const at = unmatched.findIndex(
      (s) =>
        key(s.method, s.url) === key(request.method, request.path) &&
        headerMismatches(s, request.headers).length === 0 &&
        s.bodyLength === (request.body?.size ?? 0),
    );
    expect(at, `no seen request matches ${key(request.method, request.path)}`).toBeGreaterThanOrEqual(0);
    unmatched.splice(at, 1);
  }
  unit.requests.forEach((request, i) => {
    expect(answers[i]).toMatch(nodeKnowsMethod(request.method) ? RESPONSE_ANSWER : /^400 /);
  });
}

function expectRawRequestSeen(seen: SeenRequest, message: RawMessage): void {
  if (message.kind !== 'request') throw new Error('a foreign greeting cannot be seen as a request');
  expect(seen.method).toBe(message.method);
  expect(seen.url).toBe(message.target);
  expect(`HTTP/${seen.httpVersion}`).toBe(message.version);
  expectHeaders(seen, message.headers);
  expect(seen.bodyLength).toBe(message.body?.size ?? 0);
}

/** A well-formed raw unit: every request was seen, in order, and answered. */
export function expectRawUnitSeen(unit: RawUnit, answers: readonly string[], server: RecordingServer): void {
  expect(server.seen).toHaveLength(unit.messages.length);
  server.seen.forEach((seen, i) => expectRawRequestSeen(seen, unit.messages[i]!));
  answers.forEach((answer) => expect(answer).toMatch(RESPONSE_ANSWER));
  expect(server.clientErrors).toEqual([]);
}

/**
 * Whether Node's parser must refuse the last message of a malformed unit (true), must accept it
 * (false), or may do either (null: it depends on sizes or timing).
 */
export function nodeMustRefuse(message: RawMessage): boolean | null {
  if (message.kind === 'foreign') return true;
  const flaw = message.flaw;
  if (flaw === null) return false;
  switch (flaw.kind) {
    case 'bad-request-line':
      return !['no-version', 'extra-spaces'].includes(flaw.variant);
    case 'oversized-header':
      return flaw.bytes > 16 * 1024 ? true : null;
    case 'missing-host':
      return false; // Node answers 400 itself (requireHostHeader), without a parse error
    case 'slowloris':
      return null;
    default:
      return true;
  }
}

/** A malformed unit: the good requests before the flawed one were seen; the flaw was refused by the parser. */
export function expectMalformedUnitSeen(unit: RawUnit, answers: readonly string[], server: RecordingServer): void {
  const prefix = unit.messages.slice(0, -1);
  const last = unit.messages[unit.messages.length - 1]!;
  expect(server.seen.length).toBeGreaterThanOrEqual(prefix.length);
  prefix.forEach((message, i) => expectRawRequestSeen(server.seen[i]!, message));
  const mustRefuse = nodeMustRefuse(last);
  if (mustRefuse === true) {
    expect(server.clientErrors.length).toBeGreaterThan(0);
    expect(answers[answers.length - 1]).toBe(NODE_REFUSAL);
  }
  if (mustRefuse === false) expect(server.clientErrors).toEqual([]);
}
