import type { RespValue } from './resp-value.js';

/** An aggregate being filled: how many child values it still waits for. */
interface Frame {
  readonly kind: 'array' | 'set' | 'push' | 'map' | 'attribute';
  readonly items: RespValue[];
  remaining: number;
}

/** A bulk-like body whose length is known but whose bytes have not all arrived. */
interface PendingBody {
  readonly kind: 'bulk' | 'verbatim' | 'blob-error';
  readonly length: number;
  readonly chunks: Buffer[];
  have: number;
}

// A reply line (type byte to CRLF) longer than this is not RESP: the stream is broken.
const MAX_LINE_BYTES = 64 * 1024;

const CR = 0x0d;

/**
 * A streaming RESP2/RESP3 reply decoder: feed it chunks as they arrive, however they are split
 * (one byte at a time works), and take complete top-level values from `values`. Large bulk bodies
 * are gathered chunk by chunk and joined once, so an 8 MiB reply costs one copy, not one per chunk.
 */
export class RespDecoder {
  /** Complete top-level values, in arrival order; the reader shifts them off. */
  readonly values: RespValue[] = [];
  private buffer: Buffer = Buffer.alloc(0);
  private readonly stack: Frame[] = [];
  private body: PendingBody | null = null;
  private brokenReason: string | null = null;

  /** Why the stream stopped being RESP (unknown type byte, bad length), or null while it is fine. */
  get broken(): string | null {
    return this.brokenReason;
  }

  /** True while part of a value has arrived but not all of it. */
  get midValue(): boolean {
    return this.buffer.length > 0 || this.body !== null || this.stack.length > 0;
  }

  feed(chunk: Buffer): void {
    if (this.brokenReason !== null || chunk.length === 0) return;
    if (this.body) {
      this.body.chunks.push(chunk);
      this.body.have += chunk.length;
      if (this.body.have < this.body.length + 2) return;
      const whole = Buffer.concat(this.body.chunks, this.body.have);
      const body = this.body;
      this.body = null;
      if (!this.finishBody(body, whole)) return;
      this.buffer = whole.subarray(body.length + 2);
    } else {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    }
    this.drain();
  }

  private drain(): void {
    let pos = 0;
    while (pos < this.buffer.length && this.brokenReason === null && this.body === null) {
      const next = this.parseOne(pos);
      if (next < 0) break;
      pos = next;
    }
    this.buffer = this.body === null ? this.buffer.subarray(pos) : Buffer.alloc(0);
  }

  /** Parses one line (and a body that is already complete) at `pos`; -1 when more bytes are needed. */
  private parseOne(pos: number): number {
    const cr = this.buffer.indexOf(CR, pos);
    if (cr < 0 || cr + 1 >= this.buffer.length) {
      if (this.buffer.length - pos > MAX_LINE_BYTES) this.fail('reply line too long');
      return -1;
    }
    if (this.buffer[cr + 1] !== 0x0a) return (this.fail('CR without LF'), -1);
    const type = String.fromCharCode(this.buffer[pos]!);
    const line = this.buffer.toString('latin1', pos + 1, cr);
    const after = cr + 2;
    switch (type) {
      case '+':
        return (this.emit({ type: 'simple', text: line }), after);
      case '-':
        return (this.emit({ type: 'error', text: line }), after);
      case ':':
        return (this.numeric(line, /^-?\d+$/, { type: 'integer', text: line }), after);
      case ',':
        return (this.numeric(line, /^[-+]?(inf|nan|\d+(\.\d+)?([eE][-+]?\d+)?)$/i, { type: 'double', text: line }), after);
      case '(':
        return (this.numeric(line, /^-?\d+$/, { type: 'bignum', text: line }), after);
      case '#':
        if (line !== 't' && line !== 'f') return (this.fail(`bad boolean '${line}'`), -1);
        return (this.emit({ type: 'boolean', value: line === 't' }), after);
      case '_':
        return (this.emit({ type: 'null' }), after);
      case '$':
        return this.startBody('bulk', line, after);
      case '=':
        return this.startBody('verbatim', line, after);
      case '!':
        return this.startBody('blob-error', line, after);
      case '*':
        return (this.startAggregate('array', line, 1), after);
      case '~':
        return (this.startAggregate('set', line, 1), after);
      case '>':
        return (this.startAggregate('push', line, 1), after);
      case '%':
        return (this.startAggregate('map', line, 2), after);
      case '|':
        return (this.startAggregate('attribute', line, 2), after);
      default:
        return (this.fail(`unknown reply type byte 0x${this.buffer[pos]!.toString(16)}`), -1);
    }
  }

  private numeric(line: string, shape: RegExp, value: RespValue): void {
    if (!shape.test(line)) return this.fail(`bad number '${line}'`);
    this.emit(value);
  }

  private startBody(kind: PendingBody['kind'], line: string, after: number): number {
    if (!/^-?\d+$/.test(line)) return (this.fail(`bad length '${line}'`), -1);
    const length = Number(line);
    if (length < 0) return (this.emit({ type: 'null' }), after);
    const available = this.buffer.length - after;
    if (available >= length + 2) {
      return this.finishBody({ kind, length, chunks: [], have: 0 }, this.buffer.subarray(after)) ? after + length + 2 : -1;
    }
    this.body = { kind, length, chunks: [this.buffer.subarray(after)], have: available };
    return this.buffer.length;
  }

  /** `bytes` starts with the body; false (stream broken) when it is not followed by CRLF. */
  private finishBody(body: PendingBody, bytes: Buffer): boolean {
    if (bytes[body.length] !== CR || bytes[body.length + 1] !== 0x0a) return (this.fail('bulk body not followed by CRLF'), false);
    // Copy so a small reply never pins the whole socket chunk it arrived in.
    const content = Buffer.from(bytes.subarray(0, body.length));
    if (body.kind === 'bulk') this.emit({ type: 'bulk', bytes: content });
    else if (body.kind === 'blob-error') this.emit({ type: 'error', text: content.toString('latin1') });
    else this.emit({ type: 'verbatim', format: content.toString('latin1', 0, 3), bytes: content.subarray(4) });
    return true;
  }

  private startAggregate(kind: Frame['kind'], line: string, perEntry: number): void {
    if (!/^-?\d+$/.test(line)) return this.fail(`bad count '${line}'`);
    const count = Number(line);
    if (count < 0) return this.emit({ type: 'null' });
    const frame: Frame = { kind, items: [], remaining: count * perEntry };
    if (frame.remaining === 0) return this.complete(frame);
    this.stack.push(frame);
  }

  private emit(value: RespValue): void {
    const top = this.stack[this.stack.length - 1];
    if (!top) return void this.values.push(value);
    top.items.push(value);
    if (--top.remaining === 0) {
      this.stack.pop();
      this.complete(top);
    }
  }

  private complete(frame: Frame): void {
    switch (frame.kind) {
      case 'attribute':
        // Attributes annotate the value that follows; answers never depend on them.
        return;
      case 'map': {
        const entries: (readonly [RespValue, RespValue])[] = [];
        for (let i = 0; i < frame.items.length; i += 2) entries.push([frame.items[i]!, frame.items[i + 1]!]);
        return this.emit({ type: 'map', entries });
      }
      default:
        return this.emit({ type: frame.kind, items: frame.items });
    }
  }

  private fail(reason: string): void {
    this.brokenReason ??= reason;
  }
}
