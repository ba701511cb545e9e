import type { SeccompArg } from '../seccomp.js';

/**
 * Docker's default profile's own argument conditions, the floor under every sandfuzz profile:
 * whatever a mined rule allows, it never allows what these refuse. Taken from moby's profile as
 * of Docker 29 (moby#52494, May 2026, after CVE-2026-31431 "Copy Fail"), which is stricter than
 * the Docker 20.10 default.json Debian ships (that one has no socket rule at all).
 */
export const DOCKER_FLOOR = Object.freeze({
  /** AF_ALG (38, the kernel crypto API: Copy Fail) and AF_VSOCK (40, host-guest sockets). */
  refusedSocketFamilies: Object.freeze([38, 40]),
  /** Docker's socket allow rules: three single-condition ranges that leave out 38 and 40. */
  socketRules: Object.freeze([
    [{ index: 0, value: 38, op: 'SCMP_CMP_LT' }],
    [{ index: 0, value: 39, op: 'SCMP_CMP_EQ' }],
    [{ index: 0, value: 40, op: 'SCMP_CMP_GT' }],
  ] as const satisfies readonly (readonly SeccompArg[])[]),
  /** PER_LINUX (0), PER_LINUX32 (0x8), UNAME26 (0x20000), UNAME26|PER_LINUX32, and 0xffffffff (query only). */
  personalities: Object.freeze([0x0, 0x8, 0x20000, 0x20008, 0xffffffff]),
  /** socketcall multiplexes socket(2) behind a pointer seccomp cannot read: Docker 29 answers ENOSYS. */
  socketcallErrno: 38,
});

export function dockerRefusesFamily(family: number): boolean {
  return DOCKER_FLOOR.refusedSocketFamilies.includes(family);
}

export function dockerAllowsPersonality(persona: number): boolean {
  return DOCKER_FLOOR.personalities.includes(persona);
}
