/**
 * Frontend protocol frames (PostgreSQL protocol 3.0) built by hand, so they can be wrong on
 * purpose: every length and code is an argument or a named constant.
 */

export const PROTOCOL_3_0 = 3 << 16;
export const SSL_REQUEST_CODE = 80877103;
export const GSSENC_REQUEST_CODE = 80877104;
export const CANCEL_REQUEST_CODE = 80877102;

export function int32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(value | 0);
  return buffer;
}

function int16(value: number): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeInt16BE(value);
  return buffer;
}

/** A NUL-terminated string. */
export function cstring(text: string): Buffer {
  return Buffer.concat([Buffer.from(text, 'utf8'), Buffer.from([0])]);
}

/** The parameter list of a startup packet: name, value, ..., then the final NUL unless left off. */
export function startupBody(params: readonly (readonly [string, string])[], terminated = true): Buffer {
  return Buffer.concat([...params.flatMap(([name, value]) => [cstring(name), cstring(value)]), Buffer.from(terminated ? [0] : [])]);
}

/** A startup-phase packet: its length (including itself), then the body. */
export function startupPacket(version: number, body: Buffer): Buffer {
  return Buffer.concat([int32(body.length + 8), int32(version), body]);
}

/** A request code packet with no body (SSLRequest, GSSENCRequest). */
export function requestPacket(code: number): Buffer {
  return Buffer.concat([int32(8), int32(code)]);
}

export function cancelRequestPacket(pid: number, key: number): Buffer {
  return Buffer.concat([int32(16), int32(CANCEL_REQUEST_CODE), int32(pid), int32(key)]);
}

/** A regular message: type byte, length (body + 4), body. */
export function message(type: number, body: Buffer = Buffer.alloc(0)): Buffer {
  return Buffer.concat([Buffer.from([type]), int32(body.length + 4), body]);
}

export const T = {
  query: 0x51, // Q
  parse: 0x50, // P
  bind: 0x42, // B
  execute: 0x45, // E
  describe: 0x44, // D
  sync: 0x53, // S
  terminate: 0x58, // X
  copyData: 0x64, // d
  copyDone: 0x63, // c
} as const;

export function queryMessage(sql: string | Buffer): Buffer {
  const text = typeof sql === 'string' ? Buffer.from(sql, 'utf8') : sql;
  return message(T.query, Buffer.concat([text, Buffer.from([0])]));
}

export function parseMessage(name: string, sql: string): Buffer {
  return message(T.parse, Buffer.concat([cstring(name), cstring(sql), int16(0)]));
}

/** Bind with no parameters and text results. */
export function bindMessage(portal: string, statement: string): Buffer {
  return message(T.bind, Buffer.concat([cstring(portal), cstring(statement), int16(0), int16(0), int16(0)]));
}

export function executeMessage(portal: string, maxRows: number): Buffer {
  return message(T.execute, Buffer.concat([cstring(portal), int32(maxRows)]));
}

export function describeMessage(target: number, name: string): Buffer {
  return message(T.describe, Buffer.concat([Buffer.from([target]), cstring(name)]));
}

export const SYNC = message(T.sync);
export const TERMINATE = message(T.terminate);
