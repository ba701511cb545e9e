/**
 * A Redis command grammar as the server describes itself (`COMMAND DOCS` for arguments,
 * `COMMAND INFO` for arity, flags and tips). Plain JSON: the recorded one ships next to the code.
 */

export const ARG_TYPES = ['key', 'string', 'integer', 'double', 'pattern', 'unix-time', 'pure-token', 'oneof', 'block'] as const;

export type ArgType = (typeof ARG_TYPES)[number];

export interface ArgSpec {
  readonly name: string;
  readonly type: ArgType;
  /** A literal word written before the value (EX, LIMIT) or, for pure-token, instead of it. */
  readonly token?: string;
  readonly optional?: true;
  /** The argument may repeat (DEL key [key ...]). */
  readonly multiple?: true;
  /** Each repetition repeats the token too (SORT ... GET p GET p). */
  readonly multipleToken?: true;
  /** The alternatives of a oneof, the members of a block. */
  readonly args?: readonly ArgSpec[];
}

export interface CommandSpec {
  /** The words that name the command: ['GET'], or a container and its subcommand ['CONFIG', 'GET']. */
  readonly words: readonly string[];
  /** The documented group: string, list, server... */
  readonly group: string;
  /** COMMAND INFO arity: exact argument count (words included) if positive, minimum if negative. */
  readonly arity: number;
  /** COMMAND INFO flags: write, readonly, admin, blocking, noscript... */
  readonly flags: readonly string[];
  /** COMMAND INFO tips about reply determinism (nondeterministic_output, ..._order). */
  readonly tips: readonly string[];
  readonly args: readonly ArgSpec[];
}

export interface RespGrammar {
  /** redis_version of the server the grammar came from. */
  readonly serverVersion: string;
  /** Sorted by full name (`config|get`), so the same server always gives the same grammar. */
  readonly commands: readonly CommandSpec[];
}

/** `get`, `config|get`: the name COMMAND INFO and ACL rules use. */
export function fullName(spec: Pick<CommandSpec, 'words'>): string {
  return spec.words.map((w) => w.toLowerCase()).join('|');
}
