import { createBodyDigest, type BodyDigest } from './body-digest.js';

/** A complete response read off a raw socket. */
export interface ParsedResponse {
  /** The status code, or 'http/0.9' for a body sent without any status line. */
  readonly status: number | 'http/0.9';
  readonly length: number;
  readonly shortSha1: string;
}

type State =
  | { readonly kind: 'head' }
  | { readonly kind: 'fixed'; remaining: number }
  | { readonly kind: 'chunk-size' }
  | { readonly kind: 'chunk-data'; remaining: number }
  | { readonly kind: 'chunk-end' }
  | { readonly kind: 'trailers' }
  | { readonly kind: 'until-close' }
  | { readonly kind: 'broken' };

// A head this large without its blank line is not an HTTP response worth waiting for.
const MAX_HEAD_BYTES = 64 * 1024;
const STATUS_LINE = /^HTTP\/\d\.\d (\d{3})/;

/**
 * Splits the bytes of a raw connection into responses, one per request in order: skips 1xx
 * interim answers, frames bodies by Content-Length, chunked encoding or connection close, and
 * knows which requests (HEAD) get a head only.
 */
export class ResponseStreamParser {
  readonly responses: ParsedResponse[] = [];
  private pending: Buffer = Buffer.alloc(0);
  private state: State = { kind: 'head' };
  private current: { status: number | 'http/0.9'; digest: BodyDigest } | null = null;
  private received = 0;

  /** `bodyExpected(i)` is false when request i cannot get a body back (HEAD). */
  constructor(private readonly bodyExpected: (index: number) => boolean) {}

  /** Bytes received so far, interim answers included. */
  get receivedBytes(): number {
    return this.received;
  }

  /** Status of a response whose head arrived but whose body is not complete, if any. */
  get partialStatus(): number | 'http/0.9' | null {
    return this.current?.status ?? null;
  }

  feed(chunk: Buffer): void {
    this.received += chunk.length;
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    while (this.pending.length > 0 && this.step()) {
      // step() consumed something; keep going until it needs more bytes.
    }
  }

  /** The peer closed: a close-delimited body is now complete. */
  end(): void {
    if (this.state.kind === 'until-close') this.complete();
    this.state = { kind: 'broken' };
  }

  /** Consumes what it can from `pending`; false when it needs more bytes. */
  private step(): boolean {
    const state = this.state;
    switch (state.kind) {
      case 'head':
        return this.readHead();
      case 'fixed':
      case 'chunk-data': {
        const take = Math.min(state.remaining, this.pending.length);
        this.current!.digest.update(this.pending.subarray(0, take));
        this.pending = this.pending.subarray(take);
        state.remaining -= take;
        if (state.remaining === 0) {
          if (state.kind === 'fixed') this.complete();
          else this.state = { kind: 'chunk-end' };
        }
        return true;
      }
      case 'chunk-size':
        return this.readLine((line) => {
          const size = /^[0-9a-fA-F]+/.exec(line.trim());
          if (!size) return void (this.state = { kind: 'broken' });
          const bytes = parseInt(size[0], 16);
          this.state = bytes === 0 ? { kind: 'trailers' } : { kind: 'chunk-data', remaining: bytes };
        });
      case 'chunk-end':
        return this.readLine(() => void (this.state = { kind: 'chunk-size' }));
      case 'trailers':
        return this.readLine((line) => {
          if (line === '') this.complete();
        });
      case 'until-close':
        this.current!.digest.update(this.pending);
        this.pending = Buffer.alloc(0);
        return false;
      case 'broken':
        this.pending = Buffer.alloc(0);
        return false;
    }
  }

  private readLine(onLine: (line: string) => void): boolean {
    const newline = this.pending.indexOf(0x0a);
    if (newline < 0) return false;
    const line = this.pending.subarray(0, newline).toString('latin1').replace(/\r$/, '');
    this.pending = this.pending.subarray(newline + 1);
    onLine(line);
    return true;
  }

  private readHead(): boolean {
    const prefix = this.pending.subarray(0, 5).toString('latin1');
    if (!'HTTP/'.startsWith(prefix)) {
      // No status line at all: an HTTP/0.9 answer if it is the first one, garbage otherwise.
      if (this.responses.length === 0) {
        this.current = { status: 'http/0.9', digest: createBodyDigest() };
        this.state = { kind: 'until-close' };
      } else {
        this.state = { kind: 'broken' };
      }
      return true;
    }
    const text = this.pending.subarray(0, MAX_HEAD_BYTES + 4).toString('latin1');
    const end = /\r?\n\r?\n/.exec(text);
    if (!end) {
      if (this.pending.length > MAX_HEAD_BYTES) this.state = { kind: 'broken' };
      return this.state.kind === 'broken';
    }
    this.pending = this.pending.subarray(end.index + end[0].length);
    const [statusLine = '', ...headerLines] = text.slice(0, end.index).split(/\r?\n/);
    const status = STATUS_LINE.exec(statusLine);
    if (!status) {
      this.state = { kind: 'broken' };
      return true;
    }
    this.startBody(Number(status[1]), headerLines);
    return true;
  }

  private startBody(status: number, headerLines: readonly string[]): void {
    if (status >= 100 && status < 200 && status !== 101) return; // interim: the final answer follows
    const headers = new Map<string, string>();
    for (const line of headerLines) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    this.current = { status, digest: createBodyDigest(headers.get('content-type')) };
    const length = Number(headers.get('content-length'));
    if (!this.bodyExpected(this.responses.length) || status === 204 || status === 304) {
      this.complete();
    } else if (/chunked/i.test(headers.get('transfer-encoding') ?? '')) {
      this.state = { kind: 'chunk-size' };
    } else if (headers.has('content-length') && Number.isSafeInteger(length) && length >= 0) {
      if (length === 0) this.complete();
      else this.state = { kind: 'fixed', remaining: length };
    } else {
      this.state = { kind: 'until-close' };
    }
  }

  private complete(): void {
    const { status, digest } = this.current!;
    this.responses.push({ status, ...digest.finish() });
    this.current = null;
    this.state = { kind: 'head' };
  }
}
