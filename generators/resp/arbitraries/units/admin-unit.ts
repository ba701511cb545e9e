import fc from 'fast-check';
import type { RespStep, RespUnit } from '../../unit.js';
import type { FamilyInputs } from '../family-inputs.js';
import { command } from '../steps.js';
import { keyArbitrary } from '../values/key-arg.js';
import {
  aclCommandArbitrary,
  clientCommandArbitrary,
  configCommandArbitrary,
  databaseCommandArbitrary,
  debugCommandArbitrary,
  introspectionCommandArbitrary,
} from './admin-commands.js';

const HELPER = 1;
// The paused write goes through a connection of its own: the helper may be monitoring.
const PAUSED_WRITER = 2;
// CLIENT PAUSE freezes every other client: long enough to see a write parked, short enough
// that nothing else in the run notices.
const MAX_PAUSE_MS = 200;
// Long enough that the reads after it surely run while it still holds.
const MIN_PAUSE_MS = 100;

/** Pause writes, park a helper's write behind the pause, lift it: the postponed-client path. */
function pauseScenario(poolSize: number): fc.Arbitrary<RespStep[]> {
  return fc
    .tuple(
      fc.integer({ min: MIN_PAUSE_MS, max: MAX_PAUSE_MS }),
      fc.constantFrom('WRITE', 'WRITE', 'ALL'),
      keyArbitrary('str', poolSize),
      fc.boolean(),
    )
    .map(([ms, mode, key, unpause]) => [
      command(['CLIENT', 'PAUSE', String(ms), mode]),
      command(['SET', key, 'after-pause'], PAUSED_WRITER, { async: true }),
      ...(unpause ? [command(['CLIENT', 'UNPAUSE'])] : []),
      command(['GET', key]),
    ]);
}

/** MONITOR on a helper while the main connection works; the helper sends nothing more. */
function monitorScenario(inputs: FamilyInputs): fc.Arbitrary<RespStep[]> {
  return fc
    .array(inputs.commands.data(), { minLength: 1, maxLength: 3 })
    .map((words) => [command(['MONITOR'], HELPER), ...words.map((w) => command(w))]);
}

/**
 * Server administration with safe arguments: CONFIG GET/SET of the safe parameters, CLIENT
 * (LIST, INFO, KILL that matches nobody, PAUSE/UNPAUSE, NO-EVICT, TRACKING), MEMORY, LATENCY,
 * SLOWLOG, OBJECT, INFO, ACL on users of its own, SWAPDB/SELECT/MOVE/COPY, MONITOR, and DEBUG
 * when the server allows it.
 */
export function adminUnitArbitrary(inputs: FamilyInputs): fc.Arbitrary<RespUnit> {
  const { c } = inputs;
  const single = (words: fc.Arbitrary<string[]>): fc.Arbitrary<RespStep[]> => words.map((w) => [command(w)]);
  const choices: { weight: number; arbitrary: fc.Arbitrary<RespStep[]> }[] = [
    { weight: 4, arbitrary: single(configCommandArbitrary()) },
    { weight: 3, arbitrary: single(clientCommandArbitrary()) },
    { weight: 4, arbitrary: single(introspectionCommandArbitrary(c.keyPoolSize)) },
    { weight: 2, arbitrary: single(aclCommandArbitrary()) },
    { weight: 2, arbitrary: databaseCommandArbitrary(c.keyPoolSize).map((list) => list.map((w) => command(w))) },
    { weight: 1, arbitrary: pauseScenario(c.keyPoolSize) },
    { weight: 1, arbitrary: monitorScenario(inputs) },
    { weight: 2, arbitrary: single(inputs.commands.writes()) },
  ];
  if (inputs.debugAllowed) choices.push({ weight: 2, arbitrary: single(debugCommandArbitrary(c.keyPoolSize)) });
  return fc
    .array(fc.oneof(...choices), { minLength: 1, maxLength: Math.max(1, Math.floor(c.maxCommandsPerUnit / 2)) })
    .map((groups): RespUnit => ({ family: 'admin', steps: groups.flat().slice(0, c.maxCommandsPerUnit) }));
}
