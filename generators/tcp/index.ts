import { seededStream } from '../_shared/seeded-stream.js';
import type { GuidedGenerator } from '../types.js';
import type { TcpContext } from './arbitraries/context.js';
import { tcpUnitArbitrary } from './arbitraries/tcp-unit.js';
import { resolveTcpConstraints, type TcpConstraints } from './constraints.js';
import { describeUnit, familyOf } from './describe.js';
import { executeTcpUnit } from './execute.js';
import { createGuidedTcp } from './guided.js';
import { messagePool } from './message-pool.js';
import { recordBanner } from './prepare.js';
import type { TcpUnit } from './unit.js';

/** Everything built over one context: the stream's arbitrary and guidance. */
function buildOver(ctx: TcpContext) {
  return { arbitrary: tcpUnitArbitrary(ctx), guided: createGuidedTcp(ctx) };
}

/**
 * A generic TCP workload generator for services sandfuzz does not speak: connections that
 * close at once, idle, half-close, reset, send random, recorded or trickled bytes, or come in
 * bursts, so that at least the server's accept, read, timeout and close paths are mined. Units
 * are plain JSON and replay without `prepare`, which records the server's banner (if it greets)
 * as one more message to send.
 */
export function createTcpGenerator(constraints?: TcpConstraints): GuidedGenerator<TcpUnit> {
  const c = resolveTcpConstraints(constraints);
  // `prepare` swaps this for arbitraries over the recorded banner; every method reads it late.
  let built = buildOver({ c, pool: messagePool(c, null) });
  return {
    name: 'tcp',
    families: built.guided.families,
    async prepare(endpoint, options) {
      // Replaces, not adds: a second prepare (after a restart) records the greeting afresh.
      built = buildOver({ c, pool: messagePool(c, await recordBanner(endpoint, options)) });
    },
    generate: (family, seed) => built.guided.generate(family, seed),
    mutate: (parent, seed, donor) => built.guided.mutate(parent, seed, donor),
    // The stream keeps the arbitrary it started with: a stream never changes under its reader.
    units: (seed) => seededStream(built.arbitrary, seed),
    execute: executeTcpUnit,
    family: familyOf,
    describe: describeUnit,
  };
}

/** The TCP generator with default constraints (built-in probes and the server's banner only). */
export const tcpGenerator: GuidedGenerator<TcpUnit> = createTcpGenerator();

export { resolveTcpConstraints } from './constraints.js';
export type { TcpConstraints } from './constraints.js';
export { TCP_ENDINGS, TCP_FAMILIES } from './unit.js';
export type { TcpUnit } from './unit.js';
