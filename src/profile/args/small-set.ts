import { describeCall } from '../../syscalls/arg-names.js';
import type { SeccompArg, SeccompRule } from '../seccomp.js';
import { isThin, seenIn } from './evidence.js';
import { type ArgRuleKind, EPERM, low32Equals, nameOnly } from './types.js';

/** Which argument each recorded value is compared with, and the bits recorded (default: the low 32). */
interface Slot {
  readonly index: number;
  /** The tracer recorded only these bits (socket types without SOCK_NONBLOCK/SOCK_CLOEXEC: 0xf). */
  readonly mask?: number;
}

/**
 * A syscall allowed only with the value tuples the container used, one allow rule per tuple,
 * when there are few: each tuple is one more comparison on every call of that syscall, and a
 * long list means the values are data, not a handful of code paths. Beyond `limit` the name
 * stays plainly allowed and the report says why.
 */
export function smallSetKind(syscall: string, slots: readonly Slot[], limit: number, restricts: string): ArgRuleKind {
  return {
    syscall,
    restricts,
    build(evidence, mode) {
      if (mode !== 'mined') return nameOnly(syscall);
      if (evidence.length === 0) return nameOnly(syscall, `no ${syscall}() arguments were recorded`);
      if (evidence.length > limit) return nameOnly(syscall, `${evidence.length} distinct values, more than ${limit}: allowed by name`);
      const rules: SeccompRule[] = evidence.map((e) => ({
        names: [syscall],
        action: 'SCMP_ACT_ALLOW',
        args: slots.map(
          (s, i): SeccompArg =>
            s.mask === undefined
              ? low32Equals(s.index, e.values[i]!)
              : { index: s.index, value: s.mask, valueTwo: e.values[i]!, op: 'SCMP_CMP_MASKED_EQ' },
        ),
        comment: describeCall(syscall, e.values),
      }));
      const allowed = evidence.map((e) => ({ call: describeCall(syscall, e.values), seenIn: seenIn(e), thin: isThin(e) }));
      return { syscall, rules, basis: 'mined', allowed, refused: [], blockedErrno: EPERM };
    },
  };
}
