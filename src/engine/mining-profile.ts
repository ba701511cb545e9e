/**
 * The profile a container is mined under: everything allowed, except clone3, which answers ENOSYS
 * exactly as in the final profile. glibc then takes its clone() fallback during mining too, so
 * what the tracer sees is what the enforced container will do. Allow-all still installs a filter,
 * which is what the tracer keys on (seccomp mode 2). Every x86 ABI is listed: a filter without
 * `architectures` kills a compat (int 0x80) or x32 call outright, and mining must see them.
 */
export function miningProfileJson(): string {
  return JSON.stringify({
    defaultAction: 'SCMP_ACT_ALLOW',
    architectures: ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32'],
    syscalls: [{ names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: 38 }],
  });
}
