import type { JsonValue, StepBody } from '../unit.js';

// Fixed so that a unit's bytes are the same on every run; a value containing it gets a longer one.
const BOUNDARY = 'sandfuzz-boundary-7MA4YWxkTrZu0gW';

function text(value: JsonValue): string {
  if (value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A form's fields: an object's entries, arrays repeated field by field (form style, exploded). */
function fields(value: JsonValue): [string, string][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [['value', text(value)]];
  return Object.entries(value).flatMap(([name, v]): [string, string][] =>
    Array.isArray(v) ? v.map((item) => [name, text(item)]) : [[name, text(v)]],
  );
}

function quoted(name: string): string {
  return name.replace(/["\r\n]/g, (ch) => encodeURIComponent(ch));
}

function multipart(value: JsonValue, files: readonly string[]): { bytes: Buffer; contentType: string } {
  const entries = fields(value);
  let boundary = BOUNDARY;
  while (entries.some(([n, v]) => n.includes(boundary) || v.includes(boundary))) boundary += 'x';
  const parts = entries.map(([name, v]) => {
    const file = files.includes(name) ? `; filename="${quoted(name)}.bin"\r\nContent-Type: application/octet-stream` : '';
    return `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"${file}\r\n\r\n${v}\r\n`;
  });
  return { bytes: Buffer.from(`${parts.join('')}--${boundary}--\r\n`, 'utf8'), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The bytes and Content-Type of a body. */
export function encodeBody(body: StepBody): { bytes: Buffer; contentType: string } {
  switch (body.kind) {
    case 'json':
      return { bytes: Buffer.from(JSON.stringify(body.value), 'utf8'), contentType: body.contentType };
    case 'form':
      return { bytes: Buffer.from(new URLSearchParams(fields(body.value)).toString(), 'utf8'), contentType: body.contentType };
    case 'multipart':
      return multipart(body.value, body.files);
    case 'text':
      return { bytes: Buffer.from(body.text, 'utf8'), contentType: body.contentType };
  }
}
