/**
 * The shape of an HTTP workload unit. Units are plain JSON (no undefined, no class instances) so
 * the corpus can store them and a later run can replay them byte for byte.
 */

/** Every family the HTTP generator produces; `family(unit)` reports them as `http:<family>`. */
export const HTTP_FAMILIES = [
  'get',
  'methods',
  'range',
  'conditional',
  'body',
  'chunked',
  'expect',
  'pipeline',
  'http10',
  'malformed',
  'burst',
  'upload',
  'form',
] as const;

export type HttpFamily = (typeof HTTP_FAMILIES)[number];

/** A header as written on the wire, in order; names keep the case they were generated with. */
export type HeaderPair = readonly [name: string, value: string];

/**
 * A request body described by its size and a byte seed: the bytes are derived when the unit is
 * sent, so a 2 MiB body costs two numbers in the corpus.
 */
export interface BodyPlan {
  readonly size: number;
  readonly seed: number;
  /**
   * Sent in this many pieces, a moment apart, as a slow client sends (Content-Length still
   * framing it): the server reads it in several goes and appends to what it spooled so far.
   */
  readonly pieces?: number;
  /** Literal content (a filled-in form, JSON): sent instead of seeded bytes; `size` is its length. */
  readonly text?: string;
}

/** A request undici can send: valid method token, path of visible characters, no framing headers. */
export interface WellFormedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: readonly HeaderPair[];
  readonly body: BodyPlan | null;
}

/** Requests sent with undici, spread round-robin over `connections` clients. */
export interface ClientUnit {
  readonly kind: 'client';
  readonly family: HttpFamily;
  readonly connections: number;
  readonly requests: readonly WellFormedRequest[];
}

/** How a raw request's body is framed on the wire. */
export type RawFraming = { readonly kind: 'length' } | { readonly kind: 'chunked'; readonly chunkSize: number };

export const REQUEST_LINE_FLAWS = [
  'no-version',
  'unknown-version',
  'bad-protocol',
  'space-in-target',
  'lowercase-version',
  'control-char-in-target',
  'lowercase-method',
  'extra-spaces',
] as const;

export const HEADER_FLAWS = [
  'no-colon',
  'space-before-colon',
  'invalid-name-char',
  'obs-fold',
  'duplicate-content-length',
  'invalid-content-length',
  'nul-in-value',
] as const;

export const CHUNK_SIZE_FLAWS = ['non-hex', 'overflow', 'negative'] as const;

/** One deliberate defect applied when a raw request is rendered to bytes. */
export type RequestFlaw =
  | { readonly kind: 'bad-request-line'; readonly variant: (typeof REQUEST_LINE_FLAWS)[number] }
  | { readonly kind: 'bad-header'; readonly variant: (typeof HEADER_FLAWS)[number] }
  | { readonly kind: 'oversized-header'; readonly bytes: number }
  | { readonly kind: 'invalid-chunk-size'; readonly variant: (typeof CHUNK_SIZE_FLAWS)[number] }
  | { readonly kind: 'missing-host' }
  | { readonly kind: 'bare-lf' }
  /** Send only the first `keepPercent`% of the bytes, then half-close. */
  | { readonly kind: 'truncated'; readonly keepPercent: number }
  /** Dribble the head in `pieces` writes `pauseMs` apart, then hang up before finishing it. */
  | { readonly kind: 'slowloris'; readonly pieces: number; readonly pauseMs: number };

/** A request written by hand over node:net, possibly flawed. */
export interface RawRequest {
  readonly kind: 'request';
  readonly method: string;
  readonly target: string;
  readonly version: 'HTTP/1.0' | 'HTTP/1.1';
  readonly headers: readonly HeaderPair[];
  readonly body: BodyPlan | null;
  readonly framing: RawFraming;
  readonly flaw: RequestFlaw | null;
}

/** Bytes of another protocol sent to the plain HTTP port. */
export interface ForeignGreeting {
  readonly kind: 'foreign';
  readonly protocol: 'h2-preface' | 'tls-client-hello';
}

export type RawMessage = RawRequest | ForeignGreeting;

/** Messages written on one socket, all at once when they can be (pipelining). */
export interface RawUnit {
  readonly kind: 'raw';
  readonly family: HttpFamily;
  readonly messages: readonly RawMessage[];
}

export type HttpUnit = ClientUnit | RawUnit;
