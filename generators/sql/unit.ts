/**
 * The shape of a PostgreSQL workload unit: a short session of concrete steps. Units are plain
 * JSON (no undefined, no class instances) so the corpus can store them and a later run can replay
 * them without the catalog the generator read when it made them.
 */

/** Every family the generator produces; `family(unit)` reports them as `sql:<family>`. */
export const SQL_FAMILY_NAMES = [
  'ddl',
  'dml',
  'query',
  'spill',
  'parallel',
  'maintenance',
  'txn',
  'prepared',
  'copy',
  'temp',
  'notify',
  'database',
  'largeobject',
  'config',
  'extension',
  'functions',
  'admin',
  'malformed',
] as const;

export type SqlFamily = (typeof SQL_FAMILY_NAMES)[number];

/** A bind parameter, sent as text; the server infers its type from the statement. */
export type SqlParam = string | number | boolean | null;

/**
 * How much of a successful result the answer shows: a digest of the (sorted) rows, only the row
 * count, or only the command. The generator chooses; execution may lower it for volatile SQL.
 */
export type ResultDetail = 'rows' | 'count' | 'class';

/**
 * Connection 0 is the session's own (database postgres); connection 1 is a peer opened on first
 * use, in `peerDatabase`, for NOTIFY, cancel and terminate.
 */
export type ConnectionIndex = 0 | 1;

/** A statement (or, with the simple protocol, several) sent through pg. */
export interface QueryStep {
  readonly kind: 'query';
  readonly conn: ConnectionIndex;
  readonly sql: string;
  readonly params: readonly SqlParam[] | null;
  /** 'extended' sends Parse/Bind/Execute even without parameters. */
  readonly protocol: 'simple' | 'extended';
  readonly detail: ResultDetail;
}

/** A protocol-level named prepared statement; `rowsPerFetch` executes its portal in pages. */
export interface NamedStatementStep {
  readonly kind: 'named';
  readonly conn: ConnectionIndex;
  readonly name: string;
  readonly sql: string;
  readonly params: readonly SqlParam[];
  readonly rowsPerFetch: number | null;
  readonly detail: ResultDetail;
}

/** Column shapes a generated COPY payload can fill. */
export const COPY_COLUMN_KINDS = ['int', 'numeric', 'float', 'text', 'bool', 'date', 'jsonb', 'bytea', 'null'] as const;
export type CopyColumnKind = (typeof COPY_COLUMN_KINDS)[number];

/** What COPY ... FROM STDIN sends: literal lines, rows derived from their index, or a CopyFail. */
export type CopyPayload =
  | { readonly kind: 'lines'; readonly lines: readonly string[] }
  | {
      readonly kind: 'series';
      readonly rows: number;
      /** Added to the row index, so two payloads need not collide on unique columns. */
      readonly offset: number;
      readonly columns: readonly CopyColumnKind[];
      readonly format: 'text' | 'csv';
    }
  | { readonly kind: 'fail'; readonly linesBefore: readonly string[] };

export interface CopyInStep {
  readonly kind: 'copy-in';
  readonly sql: string;
  readonly payload: CopyPayload;
}

/**
 * How COPY ... TO STDOUT output is summarised: sorted lines (heap order varies with vacuum),
 * total bytes (binary of an unordered scan), the exact bytes (ordered query), or the row count.
 */
export type CopyOutDigest = 'lines' | 'bytes' | 'exact' | 'count';

export interface CopyOutStep {
  readonly kind: 'copy-out';
  readonly sql: string;
  readonly digest: CopyOutDigest;
}

/** Waits (at most `capMs`) until connection 0 holds `expected` notifications, then digests them. */
export interface AwaitNotifyStep {
  readonly kind: 'await-notify';
  readonly expected: number;
  readonly capMs: number;
}

/** Connection 0 terminates connection 1's backend with pg_terminate_backend and waits for it to go. */
export interface TerminatePeerStep {
  readonly kind: 'terminate-peer';
}

/**
 * Runs `sql` (something slow, pg_sleep) on connection 0 and cancels it once the server shows it
 * active: with a CancelRequest on a new socket, or pg_cancel_backend from connection 1.
 */
export interface CancelStep {
  readonly kind: 'cancel';
  readonly sql: string;
  readonly via: 'protocol' | 'function';
}

/** A flaw in the startup packet of a raw connection. */
export type StartupFlaw =
  | { readonly kind: 'length'; readonly length: number }
  | { readonly kind: 'version'; readonly major: number; readonly minor: number }
  | { readonly kind: 'no-user' }
  | { readonly kind: 'unterminated' }
  | { readonly kind: 'unknown-database' }
  | { readonly kind: 'bad-option'; readonly option: string }
  | { readonly kind: 'truncated'; readonly keepBytes: number };

/** A flaw sent after a good startup reached ReadyForQuery. */
export type SessionFlaw =
  | { readonly kind: 'unknown-type'; readonly type: number }
  | { readonly kind: 'short-length'; readonly type: number }
  | { readonly kind: 'oversized'; readonly type: number; readonly length: number }
  | { readonly kind: 'truncated-parse' }
  | { readonly kind: 'abandon-big-result'; readonly rows: number }
  | { readonly kind: 'bind-missing-statement' }
  | { readonly kind: 'execute-missing-portal' }
  | { readonly kind: 'describe-bad-target' }
  | { readonly kind: 'stray-copy-data' }
  | { readonly kind: 'invalid-utf8-query' }
  | { readonly kind: 'terminate-then-query' }
  | { readonly kind: 'replication-command'; readonly command: string };

/** A hand-written protocol exchange over node:net, where pg would refuse to go. */
export type RawProbe =
  | { readonly kind: 'startup'; readonly flaw: StartupFlaw }
  | { readonly kind: 'ssl-request'; readonly then: 'garbage' | 'close'; readonly garbageBytes: number; readonly seed: number }
  | { readonly kind: 'gss-request' }
  | { readonly kind: 'cancel-request'; readonly pid: number; readonly key: number }
  /** `replication` opens a walsender session (replication=database) instead of a backend. */
  | { readonly kind: 'session'; readonly replication: boolean; readonly flaw: SessionFlaw };

export interface RawStep {
  readonly kind: 'raw';
  readonly probe: RawProbe;
}

export type SqlStep = QueryStep | NamedStatementStep | CopyInStep | CopyOutStep | AwaitNotifyStep | TerminatePeerStep | CancelStep | RawStep;

export interface SqlUnit {
  readonly family: SqlFamily;
  /** Connection 0 negotiates TLS (the image serves Debian's snakeoil certificate). */
  readonly tls: boolean;
  /** Database connection 1 opens, 'postgres' unless the unit works in a database it created. */
  readonly peerDatabase: string;
  readonly steps: readonly SqlStep[];
}
