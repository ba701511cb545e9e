import fc from 'fast-check';
import type { ResolvedRespConstraints } from '../../constraints.js';
import type { RespStep, RespUnit } from '../../unit.js';
import type { FamilyInputs } from '../family-inputs.js';
import { command } from '../steps.js';
import { blockingMillisecondsArbitrary, secondsText } from '../values/blocking-timeout.js';

const HELPER = 1;
const SECOND_WAITER = 2;

/** A blocking command on one key, what wakes it, and what shows the state afterwards. */
interface Blocker {
  readonly block: (key: string, other: string, timeoutMs: number) => string[];
  readonly wake: (key: string) => string[];
  readonly look: (key: string) => string[];
  readonly setup: (key: string) => string[][];
}

const listLook = (k: string): string[] => ['LRANGE', k, '0', '-1'];
const listWake = (k: string): string[] => ['RPUSH', k, 'woke'];
const zsetWake = (k: string): string[] => ['ZADD', k, '1', 'woke'];
const streamWake = (k: string): string[] => ['XADD', k, '*', 'f', 'woke'];

const BLOCKERS: Readonly<Record<'list' | 'zset' | 'stream', readonly Blocker[]>> = {
  list: [
    { block: (k, _o, t) => ['BLPOP', k, secondsText(t)], wake: listWake, look: listLook, setup: () => [] },
    { block: (k, o, t) => ['BRPOP', o, k, secondsText(t)], wake: listWake, look: listLook, setup: () => [] },
    { block: (k, o, t) => ['BLMOVE', k, o, 'LEFT', 'RIGHT', secondsText(t)], wake: listWake, look: listLook, setup: () => [] },
    { block: (k, o, t) => ['BRPOPLPUSH', k, o, secondsText(t)], wake: listWake, look: listLook, setup: () => [] },
    { block: (k, o, t) => ['BLMPOP', secondsText(t), '2', k, o, 'LEFT', 'COUNT', '2'], wake: listWake, look: listLook, setup: () => [] },
  ],
  zset: [
    { block: (k, _o, t) => ['BZPOPMIN', k, secondsText(t)], wake: zsetWake, look: (k) => ['ZRANGE', k, '0', '-1'], setup: () => [] },
    { block: (k, o, t) => ['BZPOPMAX', o, k, secondsText(t)], wake: zsetWake, look: (k) => ['ZCARD', k], setup: () => [] },
    { block: (k, _o, t) => ['BZMPOP', secondsText(t), '1', k, 'MIN', 'COUNT', '3'], wake: zsetWake, look: (k) => ['ZCARD', k], setup: () => [] },
  ],
  stream: [
    {
      block: (k, _o, t) => ['XREAD', 'COUNT', '5', 'BLOCK', String(t), 'STREAMS', k, '$'],
      wake: streamWake,
      look: (k) => ['XLEN', k],
      setup: () => [],
    },
    {
      block: (k, _o, t) => ['XREADGROUP', 'GROUP', 'g0', 'c0', 'BLOCK', String(t), 'STREAMS', k, '>'],
      wake: streamWake,
      look: (k) => ['XPENDING', k, 'g0'],
      setup: (k) => [['XGROUP', 'CREATE', k, 'g0', '$', 'MKSTREAM']],
    },
  ],
};

const blocker = fc
  .constantFrom(...(['list', 'zset', 'stream'] as const))
  .chain((pool) => fc.tuple(fc.constant(pool), fc.constantFrom(...BLOCKERS[pool])));

/** Parked on the main connection, woken by the helper (or not, and then timed out). */
function wokenScenario(c: ResolvedRespConstraints): fc.Arbitrary<RespStep[]> {
  return fc
    .tuple(blocker, fc.nat({ max: c.keyPoolSize - 1 }), fc.nat({ max: c.keyPoolSize - 1 }), fc.nat({ max: 5 }))
    .map(([[pool, b], i, j, roll]) => {
      const key = `${pool}:${i}`;
      const other = `${pool}:${j}`;
      const steps: RespStep[] = b.setup(key).map((w) => command(w));
      steps.push(command(b.block(key, other, c.blockingTimeoutMs), 0, { async: true }));
      // A second client parked on the same key: the first in line gets the element.
      if (roll === 0) steps.push(command(b.block(key, other, c.blockingTimeoutMs), SECOND_WAITER, { async: true }));
      // One time in six the helper writes elsewhere and the command times out instead.
      steps.push(command(b.wake(roll === 5 ? `${pool}:${(i + 1) % c.keyPoolSize}` : key), HELPER));
      steps.push(command(b.look(key)));
      return steps;
    });
}

/** A blocking command left to time out, WAIT with no replicas, or one inside MULTI (never blocks). */
function timeoutScenario(c: ResolvedRespConstraints): fc.Arbitrary<RespStep[]> {
  const short = blockingMillisecondsArbitrary(c).map(Number);
  return fc.oneof(
    fc
      .tuple(blocker, fc.nat({ max: c.keyPoolSize - 1 }), short)
      .map(([[pool, b], i, t]) => [command(b.block(`${pool}:${i}`, `${pool}:${(i + 1) % c.keyPoolSize}`, t))]),
    short.map((t) => [command(['WAIT', '1', String(t)])]),
    fc.constant<RespStep[]>([command(['WAIT', '0', '0'])]),
    fc
      .tuple(blocker, fc.nat({ max: c.keyPoolSize - 1 }), short)
      .map(([[pool, b], i, t]) => [command(['MULTI']), command(b.block(`${pool}:${i}`, `${pool}:${i}`, t)), command(['EXEC'])]),
  );
}

/**
 * Blocking commands (BLPOP, BLMOVE, BZPOPMIN, XREAD BLOCK, XREADGROUP BLOCK, WAIT) with short
 * timeouts, most parked on the main connection until a helper connection writes the key.
 */
export function blockingUnitArbitrary(inputs: FamilyInputs): fc.Arbitrary<RespUnit> {
  const { c } = inputs;
  const scenario = fc.oneof({ weight: 3, arbitrary: wokenScenario(c) }, { weight: 1, arbitrary: timeoutScenario(c) });
  return fc.array(scenario, { minLength: 1, maxLength: 2 }).map(
    (groups): RespUnit => ({
      family: 'blocking',
      steps: groups.flat().slice(0, c.maxCommandsPerUnit),
    }),
  );
}
