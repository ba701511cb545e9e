import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ABIS,
  allSyscallNames,
  isKnownSyscall,
  SECCOMP_ARCH,
  syscallName,
  syscallNumber,
  X32_SYSCALL_BIT,
} from '../../../src/syscalls/index.js';
import { TABLE as X86_64 } from '../../../src/syscalls/tables/x86_64.js';
import { TABLE as I386 } from '../../../src/syscalls/tables/i386.js';
import { TABLE as X32 } from '../../../src/syscalls/tables/x32.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');
const SCRIPT = join(ROOT, 'scripts/gen-syscall-tables.mjs');
const HEADERS = '/usr/include/x86_64-linux-gnu/asm';
const haveHeaders = existsSync(join(HEADERS, 'unistd_64.h'));

describe('syscall tables', () => {
  it('map well-known x86_64 numbers to kernel names', () => {
    expect(syscallName('x86_64', 0)).toBe('read');
    expect(syscallName('x86_64', 17)).toBe('pread64');
    expect(syscallName('x86_64', 257)).toBe('openat');
    expect(syscallName('x86_64', 262)).toBe('newfstatat');
    expect(syscallName('x86_64', 435)).toBe('clone3');
    expect(syscallNumber('x86_64', 'execve')).toBe(59);
    expect(syscallName('x86_64', 99_999)).toBeUndefined();
  });

  it('map i386 numbers, including i386-only syscalls', () => {
    expect(syscallName('i386', 3)).toBe('read');
    expect(syscallName('i386', 11)).toBe('execve');
    expect(syscallName('i386', 102)).toBe('socketcall');
    expect(syscallNumber('i386', 'clone3')).toBe(435);
  });

  it('keep the x32 bit in x32 numbers', () => {
    expect(X32_SYSCALL_BIT).toBe(0x40000000);
    expect(syscallNumber('x32', 'read')).toBe(0x40000000);
    expect(syscallName('x32', 0x40000000)).toBe('read');
    expect(syscallName('x32', 0)).toBeUndefined();
    expect(syscallNumber('x32', 'rt_sigaction')).toBe(0x40000000 + 512);
  });

  it('have plausible sizes', () => {
    expect(X86_64.length).toBeGreaterThanOrEqual(350);
    expect(I386.length).toBeGreaterThanOrEqual(400);
    expect(X32.length).toBeGreaterThanOrEqual(300);
  });

  it.each([
    ['x86_64', X86_64],
    ['i386', I386],
    ['x32', X32],
  ] as const)('%s table is sorted by number with unique numbers and names', (_abi, table) => {
    const numbers = table.map(([nr]) => nr);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(numbers).size).toBe(table.length);
    expect(new Set(table.map(([, n]) => n)).size).toBe(table.length);
    for (const [, name] of table) expect(name).toMatch(/^[a-z_][a-z0-9_]*$/);
  });

  it('answer isKnownSyscall per ABI and across ABIs', () => {
    expect(isKnownSyscall('socketcall')).toBe(true);
    expect(isKnownSyscall('socketcall', 'i386')).toBe(true);
    expect(isKnownSyscall('socketcall', 'x86_64')).toBe(false);
    expect(isKnownSyscall('newfstatat', 'x86_64')).toBe(true);
    expect(isKnownSyscall('not_a_syscall')).toBe(false);
    expect(isKnownSyscall('')).toBe(false);
  });

  it('list all names of an ABI sorted', () => {
    for (const abi of ABIS) {
      const names = allSyscallNames(abi);
      expect(names).toEqual([...names].sort());
      expect(names).toContain('read');
    }
    expect(allSyscallNames('x86_64')).toHaveLength(X86_64.length);
  });

  it('use libseccomp architecture tokens', () => {
    expect(SECCOMP_ARCH).toEqual({ x86_64: 'SCMP_ARCH_X86_64', i386: 'SCMP_ARCH_X86', x32: 'SCMP_ARCH_X32' });
  });
});

describe.skipIf(!haveHeaders)('gen-syscall-tables.mjs', () => {
  it('--check passes on the committed tables', () => {
    const out = execFileSync(process.execPath, [SCRIPT, '--check'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).toContain('up to date');
  });

  it('--check fails when a table was tampered with, and regeneration is deterministic', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sf-tables-'));
    try {
      execFileSync(process.execPath, [SCRIPT, '--out-dir', dir], { stdio: 'ignore' });
      const file = join(dir, 'x86_64.ts');
      const generated = readFileSync(file, 'utf8');
      // The header's package version is stamped in for provenance and moves with every point
      // release of linux-libc-dev; the table itself must come out byte for byte the same.
      const withoutStamp = (text: string): string => text.replace(/^\/\/ linux-libc-dev: .*$/m, '').replace(/linuxLibcDev: '[^']*'/, '');
      expect(withoutStamp(generated)).toBe(withoutStamp(readFileSync(join(ROOT, 'src/syscalls/tables/x86_64.ts'), 'utf8')));
      writeFileSync(file, generated.replace("[0, 'read']", "[0, 'reed']"));
      const res = spawnSync(process.execPath, [SCRIPT, '--check', '--out-dir', dir], { encoding: 'utf8' });
      expect(res.status).toBe(1);
      expect(res.stderr).toContain('x86_64.ts');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
