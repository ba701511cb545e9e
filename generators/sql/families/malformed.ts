import { query, type FamilyDraft, type GenContext } from '../productions/context.js';
import type { RawProbe, SessionFlaw, SqlStep, StartupFlaw } from '../unit.js';

/**
 * sql:malformed: protocol frames pg would never send, over node:net: lying startup lengths,
 * unknown protocol versions, missing user, unterminated parameters, SSLRequest then garbage,
 * GSSENCRequest, CancelRequest for no backend, and, after a good startup, unknown message types,
 * impossible lengths, truncated messages, extended-protocol misuse, stray COPY data, invalid
 * UTF-8, and a client that disappears in the middle of a big result.
 */

function startupFlaw(ctx: GenContext): StartupFlaw {
  const { rng } = ctx;
  return rng.weighted<() => StartupFlaw>([
    [2, () => ({ kind: 'length', length: rng.pick([0, 3, 7, 10_001, 0x7fffffff, rng.int(8, 64)]) })],
    [2, () => ({ kind: 'version', major: rng.pick([1, 2, 4, 9, 1234]), minor: rng.int(0, 5) })],
    [1, () => ({ kind: 'no-user' })],
    [1, () => ({ kind: 'unterminated' })],
    [1, () => ({ kind: 'unknown-database' })],
    [1, () => ({ kind: 'bad-option', option: rng.pick(['-c work_mem=lots', '-c no_such_guc=1', '--bogus', '-c statement_timeout=-5']) })],
    [1, () => ({ kind: 'truncated', keepBytes: rng.int(1, 20) })],
  ])();
}

function sessionFlaw(ctx: GenContext): SessionFlaw {
  const { rng } = ctx;
  return rng.weighted<() => SessionFlaw>([
    [2, () => ({ kind: 'unknown-type', type: rng.pick([0x00, 0x21, 0x7a, 0x79, 0xff, 0x6e]) })],
    [2, () => ({ kind: 'short-length', type: rng.pick([0x51, 0x50, 0x42, 0x53]) })],
    [2, () => ({ kind: 'oversized', type: rng.pick([0x53, 0x48, 0x44]), length: rng.pick([20_000, 0x7ffffff0]) })],
    [1, () => ({ kind: 'truncated-parse' })],
    [1, () => ({ kind: 'abandon-big-result', rows: rng.int(50_000, 500_000) })],
    [2, () => ({ kind: 'bind-missing-statement' })],
    [1, () => ({ kind: 'execute-missing-portal' })],
    [1, () => ({ kind: 'describe-bad-target' })],
    [1, () => ({ kind: 'stray-copy-data' })],
    [1, () => ({ kind: 'invalid-utf8-query' })],
    [1, () => ({ kind: 'terminate-then-query' })],
  ])();
}

function probe(ctx: GenContext): RawProbe {
  const { rng } = ctx;
  return rng.weighted<() => RawProbe>([
    [4, () => ({ kind: 'startup', flaw: startupFlaw(ctx) })],
    // biome-ignore lint/suspicious/noThenProperty: a plain data field (what follows the SSLRequest), never awaited.
    [2, () => ({ kind: 'ssl-request', then: rng.oneIn(3) ? 'close' : 'garbage', garbageBytes: rng.int(1, 4096), seed: rng.int(0, 0xffff) })],
    [1, () => ({ kind: 'gss-request' })],
    [1, () => ({ kind: 'cancel-request', pid: rng.int(1, 4_000_000), key: rng.int(0, 0x7fffffff) })],
    [6, () => ({ kind: 'session', replication: false, flaw: sessionFlaw(ctx) })],
  ])();
}

export function malformedFamily(ctx: GenContext): FamilyDraft {
  const { rng } = ctx;
  const steps: SqlStep[] = [];
  for (let i = rng.int(1, 4); i > 0; i--) steps.push({ kind: 'raw', probe: probe(ctx) });
  // The server must still answer a well-formed client afterwards.
  if (rng.oneIn(2)) steps.push(query('SELECT 1', { detail: 'rows' }));
  return { steps, tls: false };
}
