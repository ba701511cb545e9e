import { describe, expect, it } from 'vitest';
import { BackendReader, errorResponseCode } from '../../../../generators/sql/_internals/backend-reader.js';
import { copyPayloadChunks } from '../../../../generators/sql/_internals/copy-payload.js';
import {
  cancelRequestPacket,
  cstring,
  message,
  PROTOCOL_3_0,
  queryMessage,
  requestPacket,
  SSL_REQUEST_CODE,
  startupBody,
  startupPacket,
} from '../../../../generators/sql/_internals/frontend-frames.js';
import { garbageBytes, goodStartup, sessionFlawBytes, startupFlawBytes } from '../../../../generators/sql/_internals/raw-probe-bytes.js';

function errorResponse(code: string): Buffer {
  return message(0x45, Buffer.concat([Buffer.from('SFATAL\0'), Buffer.from(`C${code}\0`), Buffer.from('Mno\0'), Buffer.from([0])]));
}

describe('frontend frames', () => {
  it('lays out startup, SSLRequest, CancelRequest and Query as the protocol says', () => {
    const startup = startupPacket(PROTOCOL_3_0, startupBody([['user', 'postgres']]));
    expect(startup.readInt32BE(0)).toBe(startup.length);
    expect(startup.readInt32BE(4)).toBe(196608);
    expect(startup.subarray(8).toString('latin1')).toBe('user\0postgres\0\0');
    expect(requestPacket(SSL_REQUEST_CODE)).toEqual(Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]));
    const cancel = cancelRequestPacket(42, 7);
    expect(cancel).toHaveLength(16);
    expect([cancel.readInt32BE(8), cancel.readInt32BE(12)]).toEqual([42, 7]);
    expect(queryMessage('SELECT 1')).toEqual(Buffer.concat([Buffer.from('Q'), Buffer.from([0, 0, 0, 13]), cstring('SELECT 1')]));
  });

  it('builds each flaw as described: lying lengths, unterminated parameters, half messages', () => {
    const short = startupFlawBytes({ kind: 'length', length: 20 });
    expect(short.bytes.readInt32BE(0)).toBe(20);
    expect(short.bytes).toHaveLength(20);
    expect(startupFlawBytes({ kind: 'length', length: 3 }).ending).toBe('half-close');
    // The parameter list lacks only its final NUL.
    const unterminated = startupFlawBytes({ kind: 'unterminated' }).bytes;
    expect(unterminated.length).toBe(goodStartup(false).length - 1);
    expect(unterminated.readInt32BE(0)).toBe(unterminated.length);
    expect(startupFlawBytes({ kind: 'truncated', keepBytes: 5 }).bytes).toHaveLength(5);
    expect(sessionFlawBytes({ kind: 'short-length', type: 0x51 }).bytes).toEqual(Buffer.from([0x51, 0, 0, 0, 3]));
    expect(sessionFlawBytes({ kind: 'abandon-big-result', rows: 10 }).ending).toBe('abandon');
    expect(goodStartup(true).toString('latin1')).toContain('replication\0database\0');
    expect(garbageBytes(64, 9)).toEqual(garbageBytes(64, 9));
    expect(garbageBytes(64, 9)).not.toEqual(garbageBytes(64, 10));
  });
});

describe('BackendReader', () => {
  it('splits messages across chunk boundaries and reads the SQLSTATE of an error', () => {
    const reader = new BackendReader();
    const bytes = Buffer.concat([Buffer.from('N'), errorResponse('08P01'), message(0x5a, Buffer.from('I'))]);
    expect(reader.takeByte()).toBeNull();
    reader.feed(bytes.subarray(0, 4));
    expect(reader.takeByte()).toBe('N');
    reader.feed(bytes.subarray(4));
    expect(reader.messages.map((m) => m.type)).toEqual(['E', 'Z']);
    expect(errorResponseCode(reader.messages[0]!.body)).toBe('08P01');
  });

  it('stops at a frame no sane server sends', () => {
    const reader = new BackendReader();
    reader.feed(Buffer.from([0x45, 0x7f, 0xff, 0xff, 0xff, 1, 2, 3]));
    expect(reader.messages).toEqual([]);
    expect(reader.buffered).toBe(0);
  });
});

describe('COPY payloads', () => {
  it('renders series rows in text and csv, NULLs and escapes included', () => {
    const text = copyPayloadChunks({ kind: 'series', rows: 2, offset: 10, columns: ['int', 'text', 'bytea', 'null', 'jsonb'], format: 'text' });
    expect(Buffer.concat(text.chunks).toString()).toBe('10\tr10\t\\\\x0000000a\t\\N\t{"i": 10}\n11\tr11\t\\\\x0000000b\t\\N\t{"i": 11}\n');
    const csv = copyPayloadChunks({ kind: 'series', rows: 1, offset: 3, columns: ['int', 'jsonb', 'null', 'bool'], format: 'csv' });
    expect(Buffer.concat(csv.chunks).toString()).toBe('3,"{""i"": 3}",,f\n');
    expect(copyPayloadChunks({ kind: 'fail', linesBefore: ['1\ta'] }).fail).toBe(true);
  });

  it('streams big payloads in chunks of about 64 KiB', () => {
    const { chunks } = copyPayloadChunks({ kind: 'series', rows: 20_000, offset: 0, columns: ['int', 'text', 'date'], format: 'text' });
    expect(chunks.length).toBeGreaterThan(3);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(70_000);
    expect(Buffer.concat(chunks).toString().split('\n')).toHaveLength(20_001);
  });
});
