import type { ForeignGreeting } from '../unit.js';

// RFC 9113 §3.4: the client connection preface, then an empty SETTINGS frame.
const H2_PREFACE = Buffer.concat([
  Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1'),
  Buffer.from([0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00]),
]);

function withLength16(body: Buffer): Buffer {
  const length = Buffer.alloc(2);
  length.writeUInt16BE(body.length);
  return Buffer.concat([length, body]);
}

function extension(type: number, data: Buffer): Buffer {
  const head = Buffer.alloc(2);
  head.writeUInt16BE(type);
  return Buffer.concat([head, withLength16(data)]);
}

/**
 * A TLS 1.3 ClientHello (RFC 8446 §4.1.2) with a fixed random, SNI 'sandfuzz.test', and the
 * supported_versions / supported_groups extensions: what a browser sends first to port 443.
 */
function tlsClientHello(): Buffer {
  const sni = Buffer.from('sandfuzz.test', 'latin1');
  const serverName = withLength16(Buffer.concat([Buffer.from([0x00]), withLength16(sni)]));
  const extensions = Buffer.concat([
    extension(0x0000, serverName),
    extension(0x002b, Buffer.from([0x04, 0x03, 0x04, 0x03, 0x03])),
    extension(0x000a, withLength16(Buffer.from([0x00, 0x1d, 0x00, 0x17]))),
  ]);
  const hello = Buffer.concat([
    Buffer.from([0x03, 0x03]), // legacy_version TLS 1.2
    Buffer.from(Array.from({ length: 32 }, (_, i) => i)), // fixed random: replayable
    Buffer.from([0x00]), // empty legacy_session_id
    withLength16(Buffer.from([0x13, 0x01, 0x13, 0x02, 0xc0, 0x2f])),
    Buffer.from([0x01, 0x00]), // null compression only
    withLength16(extensions),
  ]);
  const handshake = Buffer.concat([Buffer.from([0x01, 0x00]), withLength16(hello)]); // type 1, 24-bit length
  return Buffer.concat([Buffer.from([0x16, 0x03, 0x01]), withLength16(handshake)]);
}

/** The bytes another protocol's client opens a connection with. */
export function foreignGreetingBytes(greeting: ForeignGreeting): Buffer {
  return greeting.protocol === 'h2-preface' ? H2_PREFACE : tlsClientHello();
}
