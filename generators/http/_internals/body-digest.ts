import { createHash, type Hash } from 'node:crypto';

/** What an answer says about a body. */
export interface BodySummary {
  readonly length: number;
  /** First 8 hex digits of the SHA-1: enough to tell bodies apart, short enough to read. */
  readonly shortSha1: string;
}

/** Summarises a response body fed chunk by chunk. */
export interface BodyDigest {
  update(chunk: Uint8Array): void;
  finish(): BodySummary;
}

class StreamingDigest implements BodyDigest {
  private readonly hash: Hash = createHash('sha1');
  private length = 0;

  update(chunk: Uint8Array): void {
    this.hash.update(chunk);
    this.length += chunk.length;
  }

  finish(): BodySummary {
    return { length: this.length, shortSha1: this.hash.digest('hex').slice(0, 8) };
  }
}

// Stands in for the multipart boundary, which servers draw at random or from a per-process
// counter (nginx: ngx_next_temp_number), so two healthy runs never agree on it.
const STABLE_BOUNDARY = Buffer.from('sandfuzz-boundary');

class BoundaryNeutralDigest implements BodyDigest {
  private readonly chunks: Buffer[] = [];

  constructor(private readonly boundary: Buffer) {}

  update(chunk: Uint8Array): void {
    this.chunks.push(Buffer.from(chunk));
  }

  finish(): BodySummary {
    const body = Buffer.concat(this.chunks);
    const parts: Buffer[] = [];
    let from = 0;
    for (let at = body.indexOf(this.boundary); at >= 0; at = body.indexOf(this.boundary, from)) {
      parts.push(body.subarray(from, at), STABLE_BOUNDARY);
      from = at + this.boundary.length;
    }
    parts.push(body.subarray(from));
    const digest = new StreamingDigest();
    digest.update(Buffer.concat(parts));
    return digest.finish();
  }
}

/** The multipart boundary named by a Content-Type header, if any. */
export function multipartBoundary(contentType: string | undefined): string | null {
  if (!contentType || !/^\s*multipart\//i.test(contentType)) return null;
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

/** A digest for a body of the given Content-Type; multipart boundaries do not count. */
export function createBodyDigest(contentType?: string): BodyDigest {
  const boundary = multipartBoundary(contentType);
  return boundary ? new BoundaryNeutralDigest(Buffer.from(boundary, 'latin1')) : new StreamingDigest();
}
