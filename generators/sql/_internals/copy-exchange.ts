import { createHash, type Hash } from 'node:crypto';
import type { CopyOutDigest } from '../unit.js';

/** The subset of pg's Connection a COPY exchange writes to. */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
}

export type CopyOutcome =
  | { readonly kind: 'done'; readonly tag: string | null; readonly bytes: number; readonly digest: string | null }
  | { readonly kind: 'error'; readonly error: unknown };

/** Summarises COPY ... TO STDOUT data as it arrives. */
class CopyOutput {
  private readonly chunks: Buffer[] = [];
  private readonly hash: Hash = createHash('sha1');
  bytes = 0;

  constructor(private readonly digest: CopyOutDigest) {}

  update(chunk: Buffer): void {
    this.bytes += chunk.length;
    if (this.digest === 'exact') this.hash.update(chunk);
    // pg-protocol hands out views into its read buffer, which it reuses: keep a copy.
    if (this.digest === 'lines') this.chunks.push(Buffer.from(chunk));
  }

  finish(): string | null {
    if (this.digest === 'exact') return this.hash.digest('hex').slice(0, 8);
    if (this.digest !== 'lines') return null;
    // Sorted lines: a table's heap order changes with vacuum, its set of rows does not.
    const lines = Buffer.concat(this.chunks).toString('utf8').split('\n').sort();
    return createHash('sha1').update(lines.join('\n')).digest('hex').slice(0, 8);
  }
}

/**
 * A pg "submittable" running one COPY over the simple protocol: it streams `input` after
 * CopyInResponse (or sends CopyFail), and digests CopyData after CopyOutResponse. pg routes the
 * protocol messages of the active query to these handlers.
 */
export class CopyExchange {
  readonly outcome: Promise<CopyOutcome>;
  private settle!: (outcome: CopyOutcome) => void;
  private tag: string | null = null;
  private readonly output: CopyOutput;

  constructor(
    private readonly sql: string,
    private readonly input: { chunks: readonly Buffer[]; fail: boolean } | null,
    digest: CopyOutDigest,
  ) {
    this.output = new CopyOutput(digest);
    this.outcome = new Promise((resolve) => (this.settle = resolve));
  }

  submit(connection: CopyConnection): void {
    connection.query(this.sql);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    if (this.input === null) return connection.sendCopyFail('sandfuzz: this step sends no COPY data');
    for (const chunk of this.input.chunks) connection.sendCopyFromChunk(chunk);
    if (this.input.fail) connection.sendCopyFail('sandfuzz: abandoned on purpose');
    else connection.endCopyFrom();
  }

  handleCopyData(message: { chunk: Buffer }): void {
    this.output.update(message.chunk);
  }

  handleCommandComplete(message: { text: string }): void {
    this.tag = message.text;
  }

  handleReadyForQuery(): void {
    this.settle({ kind: 'done', tag: this.tag, bytes: this.output.bytes, digest: this.output.finish() });
  }

  handleError(error: unknown): void {
    this.settle({ kind: 'error', error });
  }

  handleRowDescription(): void {}
  handleDataRow(): void {}
  handlePortalSuspended(): void {}
  handleEmptyQuery(): void {}
}
