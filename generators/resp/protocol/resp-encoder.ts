/** A command argument on the wire: text is sent as UTF-8, buffers as they are. */
export type WireArg = string | Buffer;

const CRLF = Buffer.from('\r\n');

/** A command as RESP2 clients send it: an array of bulk strings. */
export function encodeCommand(args: readonly WireArg[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`, 'latin1')];
  for (const arg of args) {
    const bytes = typeof arg === 'string' ? Buffer.from(arg, 'utf8') : arg;
    parts.push(Buffer.from(`$${bytes.length}\r\n`, 'latin1'), bytes, CRLF);
  }
  return Buffer.concat(parts);
}

/**
 * A command in the inline form telnet users type: words separated by spaces, ended by CRLF.
 * Words with spaces, quotes or control characters are double-quoted with escapes, which the
 * server's own splitter (sdssplitargs) reads back to the same bytes.
 */
export function encodeInline(words: readonly string[]): Buffer {
  return Buffer.from(`${words.map(quoteInlineWord).join(' ')}\r\n`, 'utf8');
}

const PLAIN_WORD = /^[^\s"'\\\x00-\x1f\x7f]+$/;

function quoteInlineWord(word: string): string {
  if (PLAIN_WORD.test(word)) return word;
  let quoted = '"';
  for (const ch of word) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') quoted += `\\${ch}`;
    else if (ch === '\n') quoted += '\\n';
    else if (ch === '\r') quoted += '\\r';
    else if (ch === '\t') quoted += '\\t';
    else if (code < 0x20 || code === 0x7f) quoted += `\\x${code.toString(16).padStart(2, '0')}`;
    else quoted += ch;
  }
  return `${quoted}"`;
}
