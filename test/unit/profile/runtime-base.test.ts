import { describe, expect, it } from 'vitest';
import { RUNTIME_BASE_SYSCALLS } from '../../../src/profile/runtime-base.js';
import { isKnownSyscall } from '../../../src/syscalls/index.js';
import { allowedSyscalls } from '../../../src/profile/diff.js';
import { parseProfile } from '../../../src/profile/parse.js';
import { readFileSync } from 'node:fs';

describe('runtime base syscalls', () => {
  it("are real x86_64 names, sorted, and all allowed by Docker's default profile", () => {
    for (const name of RUNTIME_BASE_SYSCALLS) expect(isKnownSyscall(name, 'x86_64'), name).toBe(true);
    expect([...RUNTIME_BASE_SYSCALLS].sort()).toEqual(RUNTIME_BASE_SYSCALLS);
    const docker = parseProfile(readFileSync('test/fixtures/docker/default-20.10.24.json', 'utf8'), 'default.json');
    const allowed = new Set(allowedSyscalls(docker, 'x86_64'));
    for (const name of RUNTIME_BASE_SYSCALLS) expect(allowed, name).toContain(name);
  });
});
