/** A backend message as read off a raw socket. */
export interface BackendMessage {
  /** The type byte as a character: 'E', 'Z', 'R', 'D', ... */
  readonly type: string;
  readonly body: Buffer;
}

// A frame this long is not a sane backend message: stop parsing rather than buffer forever.
const MAX_FRAME = 64 * 1024 * 1024;

/**
 * Splits the bytes a server sends into messages. `takeByte()` serves the single unframed byte
 * that answers an SSLRequest or GSSENCRequest.
 */
export class BackendReader {
  readonly messages: BackendMessage[] = [];
  private pending: Buffer = Buffer.alloc(0);
  private broken = false;

  feed(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    this.parse();
  }

  /** Bytes received and not yet parsed into a message. */
  get buffered(): number {
    return this.pending.length;
  }

  /** The next unframed byte, if one arrived. */
  takeByte(): string | null {
    if (this.pending.length === 0) return null;
    const byte = String.fromCharCode(this.pending[0]!);
    this.pending = this.pending.subarray(1);
    this.parse();
    return byte;
  }

  /** Stops parsing (after an SSLRequest answered 'S' what follows is TLS, not protocol). */
  stop(): void {
    this.broken = true;
    this.pending = Buffer.alloc(0);
  }

  private parse(): void {
    while (!this.broken && this.pending.length >= 5) {
      const length = this.pending.readInt32BE(1);
      if (length < 4 || length > MAX_FRAME) return this.stop();
      if (this.pending.length < length + 1) return;
      this.messages.push({ type: String.fromCharCode(this.pending[0]!), body: this.pending.subarray(5, length + 1) });
      this.pending = this.pending.subarray(length + 1);
    }
  }
}

/** The SQLSTATE of an ErrorResponse body (field 'C'), or null. */
export function errorResponseCode(body: Buffer): string | null {
  let at = 0;
  while (at < body.length && body[at] !== 0) {
    const field = String.fromCharCode(body[at]!);
    const end = body.indexOf(0, at + 1);
    if (end < 0) return null;
    if (field === 'C') return body.subarray(at + 1, end).toString('latin1');
    at = end + 1;
  }
  return null;
}
