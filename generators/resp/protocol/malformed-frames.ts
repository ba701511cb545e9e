/**
 * Request bytes that break the RESP request grammar, each with what a Redis server does with them
 * (networking.c: processMultibulkBuffer / processInlineBuffer), so tests can hold every kind to
 * its claim.
 */

/** What the server does with a frame. */
export type MalformedOutcome =
  /** Replies `-ERR Protocol error: ...` and closes the connection. */
  | 'protocol-error'
  /** Waits for bytes that never come: the sender half-closes, the server closes. */
  | 'incomplete'
  /** Skips the bytes silently: a PING sent afterwards answers +PONG. */
  | 'ignored'
  /** Parses the bytes into some command and answers it (usually with an error). */
  | 'command-reply'
  /** Closes without a reply (cross-protocol scripting guard). */
  | 'silent-close';

interface FrameKind {
  readonly outcome: MalformedOutcome;
  /** The bytes; `seed` and `size` only matter for the kinds that say so. */
  render(seed: number, size: number): Buffer;
}

const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');

/** Byte `i` of a seeded stream (xorshift32), for garbage that is the same on every replay. */
function seededBytes(seed: number, size: number): Buffer {
  const out = Buffer.alloc(size);
  let state = seed >>> 0 || 0x2545f491;
  for (let i = 0; i < size; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    out[i] = state & 0xff;
  }
  return out;
}

// Bytes that would change what garbage means to the inline parser: NUL and the line ends hide
// or split the line, quotes open a quoted argument that may never close.
const PARSER_BYTES = new Set([0x00, 0x0a, 0x0d, 0x22, 0x27]);

function tameByte(byte: number): number {
  return PARSER_BYTES.has(byte) ? 0x2e : byte;
}

const FRAME_KINDS = {
  'non-numeric-count': { outcome: 'protocol-error', render: () => latin1('*x2\r\n$4\r\nPING\r\n') },
  'count-over-int-max': { outcome: 'protocol-error', render: () => latin1('*2147483648\r\n') },
  'lf-only-count': { outcome: 'protocol-error', render: () => latin1('*1\n$4\r\nPING\r\n') },
  'non-numeric-bulk-length': { outcome: 'protocol-error', render: () => latin1('*1\r\n$4x\r\nPING\r\n') },
  'negative-bulk-length': { outcome: 'protocol-error', render: () => latin1('*1\r\n$-4\r\nPING\r\n') },
  // Over proto-max-bulk-len (512 MiB by default).
  'huge-bulk-length': { outcome: 'protocol-error', render: () => latin1('*1\r\n$1073741824\r\n') },
  'missing-dollar': { outcome: 'protocol-error', render: () => latin1('*1\r\n+PING\r\n') },
  'unbalanced-quotes': { outcome: 'protocol-error', render: () => latin1('SET "sandfuzz b\r\n') },
  'negative-count': { outcome: 'ignored', render: () => latin1('*-5\r\n') },
  'zero-count': { outcome: 'ignored', render: () => latin1('*0\r\n') },
  'empty-lines': { outcome: 'ignored', render: () => latin1('\r\n\r\n\n') },
  // A count the server accepts, then waits for: it preallocates and keeps reading.
  'unfulfilled-count': { outcome: 'incomplete', render: () => latin1('*1000000\r\n$4\r\nPING\r\n') },
  'truncated-bulk': { outcome: 'incomplete', render: () => latin1('*2\r\n$4\r\nECHO\r\n$10\r\nsandf') },
  'truncated-count-line': { outcome: 'incomplete', render: () => latin1('*2') },
  // $2 takes "PI" and treats "NG" as its CRLF: the server runs a command named PI.
  'bulk-overrun': { outcome: 'command-reply', render: () => latin1('*1\r\n$2\r\nPING\r\n') },
  // The inline parser looks for the newline with strchr: a NUL hides it, so the server waits.
  'nul-in-inline': { outcome: 'incomplete', render: () => latin1('PI\x00NG\r\n') },
  'resp3-map-as-request': { outcome: 'command-reply', render: () => latin1('%1\r\n+a\r\n+b\r\n') },
  // Seeded bytes after a leading 0x01, so the server reads them as an (odd) inline command.
  'binary-garbage': {
    outcome: 'command-reply',
    render: (seed, size) => Buffer.concat([Buffer.from([0x01]), seededBytes(seed, size).map(tameByte), latin1('\r\n')]),
  },
  // "host:" marks an HTTP request smuggled into Redis: closed without a word, after GET's error.
  'http-request': { outcome: 'command-reply', render: () => latin1('GET / HTTP/1.1\r\nHost: sandfuzz.test\r\n\r\n') },
  'post-request': { outcome: 'silent-close', render: () => latin1('POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n') },
  // Past PROTO_INLINE_MAX_SIZE (64 KiB) without a newline.
  'oversized-inline': { outcome: 'protocol-error', render: (_seed, size) => Buffer.alloc(64 * 1024 + size, 0x61) },
} as const satisfies Record<string, FrameKind>;

export type MalformedFrameKind = keyof typeof FRAME_KINDS;

export const MALFORMED_FRAME_KINDS = Object.keys(FRAME_KINDS) as MalformedFrameKind[];

/** A malformed frame as a unit stores it: the kind and what its seeded bytes derive from. */
export interface MalformedFrame {
  readonly kind: MalformedFrameKind;
  readonly seed: number;
  /** Extra bytes for the kinds built from a size (binary-garbage, oversized-inline). */
  readonly size: number;
}

/**
 * Frames whose bytes go beyond one server read: the server may close with bytes still unread,
 * which the kernel turns into a reset that can beat the error reply. Answers say `rejected`.
 */
export function isOversized(frame: MalformedFrame): boolean {
  return frame.kind === 'oversized-inline';
}

export function malformedOutcome(kind: MalformedFrameKind): MalformedOutcome {
  return FRAME_KINDS[kind].outcome;
}

export function renderMalformedFrame(frame: MalformedFrame): Buffer {
  return FRAME_KINDS[frame.kind].render(frame.seed, frame.size);
}
