import type { MalformedOutcome } from '../../../../generators/resp/index.js';

/**
 * A reference model of how redis 7.0 reads request bytes (networking.c processMultibulkBuffer,
 * processInlineBuffer; sds.c sdssplitargs), written from the C source to hold the malformed
 * frames and the inline encoder to their claims without a server.
 */

const INLINE_MAX = 64 * 1024;
const PROTO_MAX_BULK_LEN = 512 * 1024 * 1024;
const INT_MAX = 2 ** 31 - 1;
const isSpace = (b: number | undefined): boolean => b !== undefined && [0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d].includes(b);
const isHex = (b: number | undefined): boolean => b !== undefined && /[0-9a-fA-F]/.test(String.fromCharCode(b));

/** sdssplitargs: the words of an inline line, or null for unbalanced quotes. */
export function splitInlineArgs(line: Buffer): Buffer[] | null {
  // C strings end at the first NUL.
  const nul = line.indexOf(0);
  const s = nul < 0 ? line : line.subarray(0, nul);
  const words: Buffer[] = [];
  let p = 0;
  for (;;) {
    while (p < s.length && isSpace(s[p])) p++;
    if (p >= s.length) return words;
    const current: number[] = [];
    let inq = false;
    let insq = false;
    for (let done = false; !done; ) {
      const c = s[p];
      if (inq) {
        if (c === 0x5c && s[p + 1] === 0x78 && isHex(s[p + 2]) && isHex(s[p + 3])) {
          current.push(parseInt(String.fromCharCode(s[p + 2]!, s[p + 3]!), 16));
          p += 3;
        } else if (c === 0x5c && p + 1 < s.length) {
          p++;
          const e = String.fromCharCode(s[p]!);
          current.push(({ n: 0x0a, r: 0x0d, t: 0x09, b: 0x08, a: 0x07 } as Record<string, number>)[e] ?? s[p]!);
        } else if (c === 0x22) {
          if (p + 1 < s.length && !isSpace(s[p + 1])) return null;
          done = true;
        } else if (c === undefined) {
          return null;
        } else {
          current.push(c);
        }
      } else if (insq) {
        if (c === 0x5c && s[p + 1] === 0x27) {
          p++;
          current.push(0x27);
        } else if (c === 0x27) {
          if (p + 1 < s.length && !isSpace(s[p + 1])) return null;
          done = true;
        } else if (c === undefined) {
          return null;
        } else {
          current.push(c);
        }
      } else if (c === undefined || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        done = true;
      } else if (c === 0x22) {
        inq = true;
      } else if (c === 0x27) {
        insq = true;
      } else {
        current.push(c);
      }
      if (p < s.length) p++;
    }
    words.push(Buffer.from(current));
  }
}

/** string2ll: an optional minus and digits, no leading zeros, nothing else. */
function parseLongLong(text: string): number | null {
  return /^(0|-?[1-9]\d*)$/.test(text) ? Number(text) : null;
}

type Event = Exclude<MalformedOutcome, 'ignored'> | 'ignored';

/** What the server does with the first request in `bytes`, and how many bytes it consumed. */
function readRequest(bytes: Buffer): { event: Event; used: number } {
  if (bytes[0] === 0x2a) {
    let pos = bytes.indexOf(0x0d);
    if (pos < 0) return { event: bytes.length > INLINE_MAX ? 'protocol-error' : 'incomplete', used: bytes.length };
    const count = parseLongLong(bytes.toString('latin1', 1, pos));
    if (count === null || count > INT_MAX) return { event: 'protocol-error', used: bytes.length };
    pos += 2;
    if (count <= 0) return { event: 'ignored', used: pos };
    const args: Buffer[] = [];
    for (let i = 0; i < count; i++) {
      const cr = bytes.indexOf(0x0d, pos);
      if (cr < 0) return { event: 'incomplete', used: bytes.length };
      if (bytes[pos] !== 0x24) return { event: 'protocol-error', used: bytes.length };
      const length = parseLongLong(bytes.toString('latin1', pos + 1, cr));
      if (length === null || length < 0 || length > PROTO_MAX_BULK_LEN) return { event: 'protocol-error', used: bytes.length };
      pos = cr + 2;
      if (bytes.length - pos < length + 2) return { event: 'incomplete', used: bytes.length };
      args.push(bytes.subarray(pos, pos + length));
      pos += length + 2;
    }
    return { event: commandEvent(args), used: pos };
  }
  // strchr: the newline must come before any NUL.
  const nul = bytes.indexOf(0);
  const newline = bytes.indexOf(0x0a);
  if (newline < 0 || (nul >= 0 && nul < newline)) {
    return { event: bytes.length > INLINE_MAX ? 'protocol-error' : 'incomplete', used: bytes.length };
  }
  let line = bytes.subarray(0, newline);
  if (line[line.length - 1] === 0x0d) line = line.subarray(0, -1);
  const words = splitInlineArgs(line);
  if (words === null) return { event: 'protocol-error', used: bytes.length };
  return { event: words.length === 0 ? 'ignored' : commandEvent(words), used: newline + 1 };
}

// "post" and "host:" are registered commands whose only job is to drop the connection.
function commandEvent(args: readonly Buffer[]): Event {
  const name = args[0]!.toString('latin1').toLowerCase();
  return name === 'post' || name === 'host:' ? 'silent-close' : 'command-reply';
}

/** The first thing other than skipping that the server does with `bytes`. */
export function classifyRequestBytes(bytes: Buffer): MalformedOutcome {
  let rest = bytes;
  while (rest.length > 0) {
    const { event, used } = readRequest(rest);
    if (event !== 'ignored') return event;
    rest = rest.subarray(used);
  }
  return 'ignored';
}
