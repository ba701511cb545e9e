import type { RespValue } from '../../../../generators/resp/index.js';

/** Server-side RESP encoding of a reply, the inverse of RespDecoder (test support). */
export function encodeReply(value: RespValue): Buffer {
  const line = (text: string): Buffer => Buffer.from(`${text}\r\n`, 'latin1');
  const body = (type: string, bytes: Buffer): Buffer => Buffer.concat([line(`${type}${bytes.length}`), bytes, line('')]);
  switch (value.type) {
    case 'simple':
      return line(`+${value.text}`);
    case 'error':
      return line(`-${value.text}`);
    case 'integer':
      return line(`:${value.text}`);
    case 'bulk':
      return body('$', value.bytes);
    case 'verbatim':
      return body('=', Buffer.concat([Buffer.from(`${value.format}:`, 'latin1'), value.bytes]));
    case 'null':
      return line('_');
    case 'double':
      return line(`,${value.text}`);
    case 'boolean':
      return line(value.value ? '#t' : '#f');
    case 'bignum':
      return line(`(${value.text}`);
    case 'array':
    case 'set':
    case 'push': {
      const type = value.type === 'array' ? '*' : value.type === 'set' ? '~' : '>';
      return Buffer.concat([line(`${type}${value.items.length}`), ...value.items.map(encodeReply)]);
    }
    case 'map':
      return Buffer.concat([line(`%${value.entries.length}`), ...value.entries.flatMap(([k, v]) => [encodeReply(k), encodeReply(v)])]);
  }
}

/** Feeds `bytes` in pieces cut at `cuts` (sorted offsets), as a socket might deliver them. */
export function chunked(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => Math.max(0, Math.min(bytes.length, c))))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let from = 0;
  for (const at of [...points, bytes.length]) {
    if (at > from) pieces.push(bytes.subarray(from, at));
    from = Math.max(from, at);
  }
  return pieces;
}
