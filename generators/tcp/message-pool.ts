import type { ResolvedTcpConstraints } from './constraints.js';

/**
 * Generic probes for a protocol sandfuzz does not speak: what a line protocol, a text protocol or
 * a confused client sends first. Each takes a server down a parse path: a command it does not
 * know, an empty line, a goodbye, another protocol's greeting, binary junk, an overlong line.
 */
// fast-check's bias favours the first and last entries of a list: the cheap, common probes go
// there, the overlong line in the middle.
export const BUILT_IN_PROBES: readonly string[] = [
  '\r\n',
  'PING\r\n',
  'GET / HTTP/1.0\r\n\r\n',
  '\0'.repeat(32),
  `${'A'.repeat(4096)}\r\n`,
  // A TLS handshake record header announcing 512 bytes that never come.
  '\x16\x03\x01\x02\x00',
  '\n',
  'QUIT\r\n',
  'HELP\r\n',
];

/** The messages units draw from, as latin1 strings (one character per byte). */
export interface MessagePool {
  /** The target's messages, then the banner `prepare` recorded: what this server really speaks. */
  readonly recorded: readonly string[];
  readonly probes: readonly string[];
}

/** Text as its UTF-8 bytes, one latin1 character per byte. */
export function utf8AsLatin1(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/** The pool for the constraints' messages and a recorded banner (latin1 already). */
export function messagePool(c: ResolvedTcpConstraints, banner: string | null): MessagePool {
  const recorded = [...c.messages.map(utf8AsLatin1), ...(banner === null ? [] : [banner])];
  return { recorded: [...new Set(recorded)], probes: BUILT_IN_PROBES };
}
