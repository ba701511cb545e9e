import { describeCall } from '../../syscalls/arg-names.js';
import { isThin, seenIn } from './evidence.js';
import { DOCKER_FLOOR, dockerAllowsPersonality } from './floor.js';
import { type ArgRuleKind, EPERM } from './types.js';

/**
 * personality(2) only with the personas used, within Docker's five: a persona can turn off ASLR
 * (ADDR_NO_RANDOMIZE) or make all readable memory executable (READ_IMPLIES_EXEC).
 */
export const personalityKind: ArgRuleKind = {
  syscall: 'personality',
  restricts: 'persona',
  build(evidence, mode) {
    // With no evidence there is nothing to tighten Docker's five personas by.
    const mined = mode === 'mined' && evidence.length > 0;
    const used = mined ? evidence.filter((e) => dockerAllowsPersonality(e.values[0]!)) : [];
    const personas = mined ? used.map((e) => e.values[0]!) : [...DOCKER_FLOOR.personalities];
    return {
      syscall: 'personality',
      rules: personas.map((p) => ({
        names: ['personality'],
        action: 'SCMP_ACT_ALLOW' as const,
        args: [{ index: 0, value: p, op: 'SCMP_CMP_EQ' as const }],
        comment: describeCall('personality', [p]),
      })),
      basis: mined ? 'mined' : 'docker',
      allowed: mined
        ? used.map((e) => ({ call: describeCall('personality', e.values), seenIn: seenIn(e), thin: isThin(e) }))
        : personas.map((p) => ({ call: describeCall('personality', [p]) })),
      refused:
        mode === 'mined'
          ? evidence
              .filter((e) => !dockerAllowsPersonality(e.values[0]!))
              .map((e) => ({ call: describeCall('personality', e.values), seenIn: seenIn(e) }))
          : [],
      blockedErrno: EPERM,
    };
  },
};
