import fc from 'fast-check';
import { MALFORMED_FRAME_KINDS, type MalformedFrame } from '../../protocol/malformed-frames.js';
import type { RespStep, RespUnit } from '../../unit.js';
import type { FamilyInputs } from '../family-inputs.js';
import { command, inline } from '../steps.js';

const frame: fc.Arbitrary<MalformedFrame> = fc
  .tuple(fc.constantFrom(...MALFORMED_FRAME_KINDS), fc.nat(), fc.integer({ min: 1, max: 512 }))
  .map(([kind, seed, size]) => ({ kind, seed, size }));

/**
 * Zero to three good commands (array or inline form), then bytes that break the protocol; a
 * fresh connection then PINGs, which shows the server survived it.
 */
export function malformedUnitArbitrary(inputs: FamilyInputs): fc.Arbitrary<RespUnit> {
  const good = fc.oneof(
    { weight: 3, arbitrary: inputs.commands.data().map((w) => command(w)) },
    { weight: 1, arbitrary: fc.constantFrom<string[]>(['PING'], ['ECHO', 'before'], ['SET', 'str:0', 'inline value']).map((w) => inline(w)) },
  );
  const prefixRoom = Math.min(3, inputs.c.maxCommandsPerUnit - 2);
  return fc.tuple(fc.array(good, { maxLength: prefixRoom }), frame).map(([prefix, bad]): RespUnit => {
    const steps: RespStep[] = [...prefix, { kind: 'malformed', conn: 0, frame: bad }, command(['PING'], 1)];
    return { family: 'malformed', steps };
  });
}
