import { describeCall } from '../../syscalls/arg-names.js';
import { isThin, seenIn } from './evidence.js';
import { type ArgRuleKind, EPERM, nameOnly } from './types.js';

/**
 * CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET (linux/sched.h), the
 * mask Docker's default profile applies to clone arg 0 (2114060288 in default.json).
 */
export const CLONE_NAMESPACE_MASK = 0x7e020000;

/**
 * clone(2) without namespace flags, Docker's own condition, in every mode: it mainly closes
 * unprivileged user-namespace creation, a large kernel attack surface, and without CAP_SYS_ADMIN
 * the kernel refuses the other CLONE_NEW* flags anyway. Only a container seen creating
 * namespaces keeps clone plain (and the profile warns about it).
 */
export const cloneKind: ArgRuleKind = {
  syscall: 'clone',
  restricts: 'namespace flags (CLONE_NEW*)',
  build(evidence) {
    const creating = evidence.filter((e) => (BigInt(e.values[0]!) & BigInt(CLONE_NAMESPACE_MASK)) !== 0n);
    if (creating.length > 0) {
      return nameOnly(
        'clone',
        "the container created namespaces with clone: clone stays unrestricted, looser than Docker's default without CAP_SYS_ADMIN",
        creating.map((e) => ({ call: describeCall('clone', e.values), seenIn: seenIn(e), thin: isThin(e) })),
      );
    }
    return {
      syscall: 'clone',
      rules: [
        {
          names: ['clone'],
          action: 'SCMP_ACT_ALLOW',
          args: [{ index: 0, value: CLONE_NAMESPACE_MASK, valueTwo: 0, op: 'SCMP_CMP_MASKED_EQ' }],
          comment: "clone without namespace flags (CLONE_NEW*), as in Docker's default profile",
        },
      ],
      basis: 'docker',
      allowed: [{ call: 'clone(flags without CLONE_NEW*)' }],
      refused: [],
      blockedErrno: EPERM,
    };
  },
};
