import type { HttpUnit, RawMessage, WellFormedRequest } from './unit.js';

const MAX_LINE = 160;
const MAX_PATH = 40;

// Headers worth naming in a one-line summary; the everyday ones are noise.
const NOTABLE_HEADERS = /^(range|if-|expect|connection|accept-encoding|x-sandfuzz-pad|cookie)/i;

function shortPath(path: string): string {
  return path.length <= MAX_PATH ? path : `${path.slice(0, 30)}…(${path.length}B)`;
}

function shortValue(value: string): string {
  return value.length <= 24 ? value : `${value.slice(0, 16)}…(${value.length}B)`;
}

function describeRequest(r: Pick<WellFormedRequest, 'method' | 'headers' | 'body'>, target: string): string {
  const notable = r.headers.filter(([name]) => NOTABLE_HEADERS.test(name));
  const headers = notable.length ? ` [${notable.map(([n, v]) => `${n}: ${shortValue(v)}`).join(', ')}]` : '';
  const body = r.body ? ` body=${r.body.size}B` : '';
  return `${r.method} ${shortPath(target)}${headers}${body}`;
}

function describeRawMessage(m: RawMessage): string {
  if (m.kind === 'foreign') return `<${m.protocol}>`;
  const version = m.version === 'HTTP/1.0' ? ' HTTP/1.0' : '';
  const chunked = m.body && m.framing.kind === 'chunked' ? ` chunked/${m.framing.chunkSize}` : '';
  const flaw = m.flaw ? ` !${m.flaw.kind}${'variant' in m.flaw ? `:${m.flaw.variant}` : ''}` : '';
  return `${describeRequest(m, m.target)}${version}${chunked}${flaw}`;
}

/** `http:<family>`, for reports and weighting. */
export function familyOf(unit: HttpUnit): string {
  return `http:${unit.family}`;
}

/** One short line: family, then each request or message, cut at 160 characters. */
export function describeUnit(unit: HttpUnit): string {
  const parts = unit.kind === 'client' ? unit.requests.map((r) => describeRequest(r, r.path)) : unit.messages.map(describeRawMessage);
  const via = unit.kind === 'client' ? (unit.connections > 1 ? ` (${unit.connections} connections)` : '') : ' (raw)';
  const line = `${familyOf(unit)}${via}: ${parts.join(' ; ')}`;
  return line.length <= MAX_LINE ? line : `${line.slice(0, MAX_LINE - 1)}…`;
}
