import { createHash, type Hash } from 'node:crypto';

/** Length and short SHA-1 of a response body, fed chunk by chunk. */
export class BodyDigest {
  private readonly hash: Hash = createHash('sha1');
  private bytes = 0;

  update(chunk: Uint8Array): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
  }

  get length(): number {
    return this.bytes;
  }

  /** First 8 hex digits: enough to tell bodies apart in a report, short enough to read. */
  shortSha1(): string {
    return this.hash.digest('hex').slice(0, 8);
  }
}
