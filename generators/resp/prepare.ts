import { TargetUnhealthyError } from '../../src/shared/errors.js';
import type { Endpoint, ExecuteOptions } from '../types.js';
import { RespConnection } from './_internals/connection.js';
import { Deadline } from '../_shared/deadline.js';
import { buildGrammar, GrammarReplyError } from './grammar/build-grammar.js';
import type { RespGrammar } from './grammar/grammar.js';
import { encodeCommand } from './protocol/resp-encoder.js';
import { textOf, toPlain, type RespValue } from './protocol/resp-value.js';

/** What `prepare` learns from a running server. */
export interface ServerFacts {
  readonly grammar: RespGrammar;
  /** DEBUG is enabled (enable-debug-command yes, or local and the connection is local). */
  readonly debugAllowed: boolean;
}

// The grammar questions, then a harmless DEBUG subcommand: its answer says whether DEBUG is on.
const QUESTIONS = [
  ['COMMAND', 'DOCS'],
  ['COMMAND', 'INFO'],
  ['INFO', 'server'],
  ['DEBUG', 'HELP'],
];

function versionOf(info: RespValue): string {
  return /^redis_version:(\S+)/m.exec(textOf(info) ?? '')?.[1] ?? 'unknown';
}

/**
 * Asks the server for its command grammar (`COMMAND DOCS` for arguments, `COMMAND INFO` for
 * arity, flags and tips) and whether DEBUG is allowed. Throws TargetUnhealthyError when the
 * server cannot be reached or answers something that is not a grammar.
 */
export async function learnFromServer(endpoint: Endpoint, options: ExecuteOptions): Promise<ServerFacts> {
  const deadline = new Deadline(options.timeoutMs);
  const conn = new RespConnection(endpoint);
  try {
    if (!(await conn.opened(deadline))) {
      throw new TargetUnhealthyError(`redis prepare: cannot connect to ${endpoint.host}:${endpoint.port}`);
    }
    const expectations = QUESTIONS.map(() => conn.expect(1));
    await conn.write(Buffer.concat(QUESTIONS.map((q) => encodeCommand(q))), deadline);
    await conn.settle(expectations[expectations.length - 1]!, deadline);
    const [docs, info, server, debug] = expectations.map((e) => e.replies[0]);
    if (!docs || !info || !server || !debug) {
      throw new TargetUnhealthyError(`redis prepare: no complete answer to COMMAND DOCS / COMMAND INFO within ${options.timeoutMs} ms`);
    }
    for (const [reply, question] of [
      [docs, 'COMMAND DOCS'],
      [info, 'COMMAND INFO'],
    ] as const) {
      if (reply.type === 'error') throw new TargetUnhealthyError(`redis prepare: ${question} failed: ${reply.text}`);
    }
    const grammar = buildGrammar(toPlain(docs), toPlain(info), versionOf(server));
    return { grammar, debugAllowed: debug.type !== 'error' };
  } catch (err) {
    if (err instanceof GrammarReplyError) throw new TargetUnhealthyError(`redis prepare: ${err.message}`, { cause: err });
    throw err;
  } finally {
    deadline.dispose();
    conn.destroy();
  }
}
