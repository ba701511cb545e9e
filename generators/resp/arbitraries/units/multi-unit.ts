import fc from 'fast-check';
import type { RespStep, RespUnit } from '../../unit.js';
import type { FamilyInputs } from '../family-inputs.js';
import { command } from '../steps.js';
import { keyArbitrary } from '../values/key-arg.js';

const HELPER = 1;

/** Commands MULTI refuses to queue (or queues and then fails): they make EXEC abort. */
const BROKEN_IN_MULTI = fc.constantFrom<string[]>(['SET'], ['WATCH', 'str:0'], ['MULTI'], ['GETRANGE', 'str:0']);

/**
 * MULTI with queued data commands, then EXEC (DISCARD now and then). A WATCHed key may be
 * touched by a helper connection before EXEC, so EXEC answers null; a command MULTI refuses
 * makes EXEC fail with EXECABORT.
 */
export function multiUnitArbitrary(inputs: FamilyInputs): fc.Arbitrary<RespUnit> {
  const { c } = inputs;
  const queuedRoom = Math.max(1, c.maxCommandsPerUnit - 6);
  return fc
    .record({
      watched: fc.option(fc.uniqueArray(keyArbitrary(null, c.keyPoolSize), { minLength: 1, maxLength: 2 }), { freq: 2, nil: null }),
      spoil: fc.boolean(),
      queued: fc.array(fc.oneof({ weight: 12, arbitrary: inputs.commands.data() }, { weight: 1, arbitrary: BROKEN_IN_MULTI }), {
        minLength: 1,
        maxLength: queuedRoom,
      }),
      end: fc.oneof({ weight: 6, arbitrary: fc.constant('EXEC') }, { weight: 1, arbitrary: fc.constant('DISCARD') }),
      unwatchFirst: fc.nat({ max: 7 }),
    })
    .map(({ watched, spoil, queued, end, unwatchFirst }): RespUnit => {
      const steps: RespStep[] = [];
      if (watched) {
        steps.push(command(['WATCH', ...watched]));
        if (spoil) steps.push(command(['SET', watched[0]!, 'spoiled'], HELPER));
        if (unwatchFirst === 0) steps.push(command(['UNWATCH']));
      }
      steps.push(command(['MULTI']), ...queued.map((w) => command(w)), command([end]));
      // What EXEC did shows in the next read of the watched key.
      if (watched) steps.push(command(['TYPE', watched[0]!]));
      return { family: 'multi', steps: steps.slice(0, c.maxCommandsPerUnit) };
    });
}
