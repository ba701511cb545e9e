import type { HeaderPair, RawRequest, RequestFlaw } from '../unit.js';
import { bodyBytes } from './body-bytes.js';

/** The Host every raw HTTP/1.1 request carries: fixed, so answers never depend on the port. */
export const RAW_HOST = 'sandfuzz.test';

/** A raw request as bytes: the head (up to and including the blank line) and the framed body. */
export interface RenderedRequest {
  readonly head: Buffer;
  readonly body: Buffer;
}

function requestLine(r: RawRequest, flaw: RequestFlaw | null): string {
  const { method, target, version } = r;
  if (flaw?.kind !== 'bad-request-line') return `${method} ${target} ${version}`;
  switch (flaw.variant) {
    case 'no-version':
      return `${method} ${target}`;
    case 'unknown-version':
      return `${method} ${target} HTTP/9.9`;
    case 'bad-protocol':
      return `${method} ${target} HTTX/1.1`;
    case 'space-in-target':
      return `${method} ${target} x ${version}`;
    case 'lowercase-version':
      return `${method} ${target} ${version.toLowerCase()}`;
    case 'control-char-in-target':
      return `${method} ${target}\x01 ${version}`;
    case 'lowercase-method':
      return `${method.toLowerCase()} ${target} ${version}`;
    case 'extra-spaces':
      return `${method}  ${target}  ${version}`;
  }
}

/** Framing headers for the body, with the bad-header flaws that are about framing applied. */
function framingLines(r: RawRequest, flaw: RequestFlaw | null): string[] {
  if (r.body === null) return [];
  if (r.framing.kind === 'chunked') return ['Transfer-Encoding: chunked'];
  const length = r.body.size;
  if (flaw?.kind === 'bad-header' && flaw.variant === 'duplicate-content-length') {
    return [`Content-Length: ${length}`, `Content-Length: ${length + 1}`];
  }
  if (flaw?.kind === 'bad-header' && flaw.variant === 'invalid-content-length') return [`Content-Length: ${length}z`];
  return [`Content-Length: ${length}`];
}

/** The extra line a header flaw adds (framing flaws are handled in framingLines). */
function flawLines(flaw: RequestFlaw | null, eol: string): string[] {
  if (flaw?.kind === 'oversized-header') return [`X-Sandfuzz-Oversized: ${'o'.repeat(flaw.bytes)}`];
  if (flaw?.kind !== 'bad-header') return [];
  switch (flaw.variant) {
    case 'no-colon':
      return ['X-Sandfuzz-Broken'];
    case 'space-before-colon':
      return ['X-Sandfuzz-Broken : 1'];
    case 'invalid-name-char':
      return ['X(Sandfuzz): 1'];
    case 'obs-fold':
      return [`X-Sandfuzz-Folded: a${eol} b`];
    case 'nul-in-value':
      return ['X-Sandfuzz-Nul: a\x00b'];
    default:
      return [];
  }
}

function chunkSizeLine(size: number, isFirst: boolean, flaw: RequestFlaw | null): string {
  if (!isFirst || flaw?.kind !== 'invalid-chunk-size') return size.toString(16);
  return { 'non-hex': 'zz', overflow: 'fffffffffffffffffffff', negative: '-5' }[flaw.variant];
}

function renderBody(r: RawRequest, eol: string): Buffer {
  if (r.body === null) return Buffer.alloc(0);
  const bytes = bodyBytes(r.body);
  if (r.framing.kind === 'length') return bytes;
  const parts: Buffer[] = [];
  const step = r.framing.chunkSize;
  for (let at = 0; at < bytes.length; at += step) {
    const chunk = bytes.subarray(at, at + step);
    parts.push(Buffer.from(chunkSizeLine(chunk.length, at === 0, r.flaw) + eol, 'latin1'), chunk, Buffer.from(eol));
  }
  // An empty body still gets its flawed size line, so the flaw is always on the wire.
  if (bytes.length === 0 && r.flaw?.kind === 'invalid-chunk-size') {
    parts.push(Buffer.from(chunkSizeLine(1, true, r.flaw) + eol + 'x' + eol, 'latin1'));
  }
  parts.push(Buffer.from(`0${eol}${eol}`, 'latin1'));
  return Buffer.concat(parts);
}

/** The bytes of a raw request, every flaw but truncation and slowloris pacing applied. */
export function renderRequest(r: RawRequest): RenderedRequest {
  const flaw = r.flaw;
  const eol = flaw?.kind === 'bare-lf' ? '\n' : '\r\n';
  const host = r.version === 'HTTP/1.1' && flaw?.kind !== 'missing-host' ? [`Host: ${RAW_HOST}`] : [];
  const headerLines = r.headers.map(([name, value]: HeaderPair) => `${name}: ${value}`);
  const lines = [requestLine(r, flaw), ...host, ...headerLines, ...framingLines(r, flaw), ...flawLines(flaw, eol)];
  return {
    head: Buffer.from(lines.join(eol) + eol + eol, 'latin1'),
    body: renderBody(r, eol),
  };
}
