import { describeCall } from '../../syscalls/arg-names.js';
import type { SeccompRule } from '../seccomp.js';
import { isThin, seenIn } from './evidence.js';
import { type ArgRuleKind, EACCES, nameOnly } from './types.js';

const PROT_WRITE = 2;
const PROT_EXEC = 4;

/**
 * W^X: memory may be writable or executable, never both at once, unless the container was seen
 * making it so (a JIT). Writable-and-executable memory is what injected code needs. A refused
 * call gets EACCES, what the kernel answers when a security module refuses executable memory
 * (SELinux execmem), so runtimes that probe for it (JITs with a fallback) take their fallback.
 * Two allow rules (no PROT_EXEC; no PROT_WRITE) and one EACCES rule (both), which do not overlap.
 */
export function wxKind(syscall: string, protIndex: number): ArgRuleKind {
  const prot = (value: number, valueTwo: number): SeccompRule['args'] => [{ index: protIndex, value, valueTwo, op: 'SCMP_CMP_MASKED_EQ' }];
  return {
    syscall,
    restricts: 'PROT_WRITE together with PROT_EXEC',
    build(evidence, mode) {
      if (mode !== 'mined') return nameOnly(syscall);
      const wx = evidence.filter((e) => (e.values[0]! & (PROT_WRITE | PROT_EXEC)) === (PROT_WRITE | PROT_EXEC));
      if (wx.length > 0) {
        return nameOnly(
          syscall,
          'the container made memory writable and executable at once (a JIT): W^X cannot be enforced',
          wx.map((e) => ({ call: describeCall(syscall, e.values), seenIn: seenIn(e), thin: isThin(e) })),
        );
      }
      const rules: SeccompRule[] = [
        { names: [syscall], action: 'SCMP_ACT_ALLOW', args: prot(PROT_EXEC, 0), comment: `${syscall} without PROT_EXEC` },
        { names: [syscall], action: 'SCMP_ACT_ALLOW', args: prot(PROT_WRITE, 0), comment: `${syscall} without PROT_WRITE` },
        {
          names: [syscall],
          action: 'SCMP_ACT_ERRNO',
          errnoRet: EACCES,
          args: prot(PROT_WRITE | PROT_EXEC, PROT_WRITE | PROT_EXEC),
          comment: 'W^X: never seen writable and executable at once',
        },
      ];
      return { syscall, refused: [], rules, basis: 'mined', allowed: [{ call: `${syscall}(never PROT_WRITE|PROT_EXEC)` }], blockedErrno: EACCES };
    },
  };
}
