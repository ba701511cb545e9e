import { describe, expect, it } from 'vitest';
import { ResponseStreamParser } from '../../../../generators/http/_internals/response-parser.js';

const EMPTY_SHA1 = 'da39a3ee';

interface ParseOptions {
  /** Indexes of the requests that were HEAD. */
  heads?: number[];
  /** Feed the bytes in pieces of this size. */
  chunkBy?: number;
  eof?: boolean;
}

function parse(text: string, options: ParseOptions = {}): ResponseStreamParser {
  const heads = new Set(options.heads ?? []);
  const parser = new ResponseStreamParser((i) => !heads.has(i));
  const bytes = Buffer.from(text, 'latin1');
  const step = options.chunkBy ?? bytes.length;
  for (let at = 0; at < bytes.length; at += step) parser.feed(bytes.subarray(at, at + step));
  if (options.eof) parser.end();
  return parser;
}

const PIPELINED =
  'HTTP/1.1 100 Continue\r\n\r\n' +
  'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello' +
  'HTTP/1.1 200 OK\r\nContent-Length: 42\r\n\r\n' + // a HEAD answer: the length describes a body not sent
  'HTTP/1.1 206 Partial\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nhel\r\n2\r\nlo\r\n0\r\nX-Trailer: 1\r\n\r\n' +
  'HTTP/1.1 304 Not Modified\r\nContent-Length: 99\r\n\r\n' +
  'HTTP/1.0 404 Not Found\r\n\r\nnot here';

describe('ResponseStreamParser', () => {
  it('splits pipelined answers, skipping 100 Continue and framing each body', () => {
    const parser = parse(PIPELINED, { heads: [1], eof: true });
    expect(parser.responses.map((r) => [r.status, r.length])).toEqual([
      [200, 5],
      [200, 0],
      [206, 5],
      [304, 0],
      [404, 8],
    ]);
    // Same bytes, chunked or not: same digest.
    expect(parser.responses[2]!.shortSha1).toBe(parser.responses[0]!.shortSha1);
    expect(parser.responses[1]!.shortSha1).toBe(EMPTY_SHA1);
  });

  it('gives the same answers whatever the read sizes', () => {
    const whole = parse(PIPELINED, { heads: [1], eof: true }).responses;
    for (const chunkBy of [1, 2, 7, 64]) {
      expect(parse(PIPELINED, { heads: [1], chunkBy, eof: true }).responses).toEqual(whole);
    }
  });

  it('completes a close-delimited body only at EOF, and reports the partial status before', () => {
    const parser = parse('HTTP/1.1 200 OK\r\n\r\nabc');
    expect(parser.responses).toEqual([]);
    expect(parser.partialStatus).toBe(200);
    parser.end();
    expect(parser.responses.map((r) => r.length)).toEqual([3]);
  });

  it('reads a headless answer as HTTP/0.9', () => {
    const parser = parse('<html>hi</html>', { eof: true });
    expect(parser.responses.map((r) => [r.status, r.length])).toEqual([['http/0.9', 15]]);
  });

  it('stops at garbage after a first answer instead of inventing more', () => {
    const parser = parse('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nGARBAGE\r\n\r\n', { eof: true });
    expect(parser.responses).toHaveLength(1);
  });

  it('digests multipart bodies without their boundary', () => {
    const multipart = (boundary: string): string => {
      const body = `\r\n--${boundary}\r\nContent-Range: bytes 0-0/10\r\n\r\na\r\n--${boundary}--\r\n`;
      const type = `multipart/byteranges; boundary=${boundary}`;
      return `HTTP/1.1 206 Partial\r\nContent-Type: ${type}\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    };
    const [a] = parse(multipart('00000000001')).responses;
    const [b] = parse(multipart('0000000000012345')).responses;
    expect(a).toEqual(b);
  });
});
