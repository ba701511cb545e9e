import type { CopyColumnKind, CopyPayload } from '../unit.js';

// COPY data is sent in pieces of about this size, as clients stream it.
const CHUNK_BYTES = 64 * 1024;

function textValue(kind: CopyColumnKind, n: number): string {
  switch (kind) {
    case 'int':
      return String(n);
    case 'numeric':
      return `${n}.5`;
    case 'float':
      return `${n}.25`;
    case 'text':
      return `r${n}`;
    case 'bool':
      return n % 2 === 0 ? 't' : 'f';
    case 'date':
      return `2021-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}`;
    case 'jsonb':
      return `{"i": ${n}}`;
    case 'bytea':
      return `\\x${(n >>> 0).toString(16).padStart(8, '0')}`;
    case 'null':
      return '\\N';
  }
}

function csvValue(kind: CopyColumnKind, n: number): string {
  if (kind === 'null') return '';
  if (kind === 'jsonb') return `"{""i"": ${n}}"`;
  if (kind === 'bytea') return `\\x${(n >>> 0).toString(16).padStart(8, '0')}`;
  return textValue(kind, n);
}

function seriesLine(payload: Extract<CopyPayload, { kind: 'series' }>, index: number): string {
  const n = payload.offset + index;
  if (payload.format === 'csv') return payload.columns.map((kind) => csvValue(kind, n)).join(',');
  // In text format a backslash is an escape: the bytea's \x is written \\x.
  return payload.columns.map((kind) => (kind === 'bytea' ? `\\${textValue(kind, n)}` : textValue(kind, n))).join('\t');
}

function chunked(lines: Iterable<string>): Buffer[] {
  const chunks: Buffer[] = [];
  let current: string[] = [];
  let size = 0;
  for (const line of lines) {
    current.push(line, '\n');
    size += line.length + 1;
    if (size >= CHUNK_BYTES) {
      chunks.push(Buffer.from(current.join(''), 'utf8'));
      current = [];
      size = 0;
    }
  }
  if (current.length > 0) chunks.push(Buffer.from(current.join(''), 'utf8'));
  return chunks;
}

function* seriesLines(payload: Extract<CopyPayload, { kind: 'series' }>): Generator<string> {
  for (let i = 0; i < payload.rows; i++) yield seriesLine(payload, i);
}

/** The CopyData chunks of a payload, and whether it ends in CopyFail rather than CopyDone. */
export function copyPayloadChunks(payload: CopyPayload): { chunks: Buffer[]; fail: boolean } {
  switch (payload.kind) {
    case 'lines':
      return { chunks: chunked(payload.lines), fail: false };
    case 'series':
      return { chunks: chunked(seriesLines(payload)), fail: false };
    case 'fail':
      return { chunks: chunked(payload.linesBefore), fail: true };
  }
}
