import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ABIS, allSyscallNames, isKnownSyscall, SECCOMP_ARCH, syscallName, syscallNumber, X32_SYSCALL_BIT } from '../../../src/syscalls/index.js';
import { TABLE as X86_64 } from '../../../src/syscalls/tables/x86_64.js';
import { TABLE as I386 } from '../../../src/syscalls/tables/i386.js';
import { TABLE as X32 } from '../../../src/syscalls/tables/x32.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');
const SCRIPT = join(ROOT, 'scripts/gen-syscall-tables.mjs');
const HEADERS = '/usr/include/x86_64-linux-gnu/asm';

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

/** A table file's content: its [number, name] rows, whatever its header and version stamp say. */
function tableRows(text: string): [number, string][] {
  return [...text.matchAll(/^ {2}\[(\d+), '([a-z0-9_]+)'\],$/gm)].map((m) => [Number(m[1]), m[2]!]);
}

/** Kernel-style unistd headers for the committed tables, so the generator is tested without the host's linux-libc-dev. */
function writeHeaders(dir: string): void {
  const define = (table: readonly (readonly [number, string])[], x32: boolean): string =>
    table.map(([nr, name]) => (x32 ? `#define __NR_${name} (__X32_SYSCALL_BIT + ${nr - X32_SYSCALL_BIT})` : `#define __NR_${name} ${nr}`)).join('\n');
  writeFileSync(join(dir, 'unistd_64.h'), `#ifndef _ASM_UNISTD_64_H\n${define(X86_64, false)}\n#endif\n`);
  writeFileSync(join(dir, 'unistd_32.h'), `#ifndef _ASM_UNISTD_32_H\n${define(I386, false)}\n#endif\n`);
  writeFileSync(join(dir, 'unistd_x32.h'), `#ifndef _ASM_UNISTD_X32_H\n${define(X32, true)}\n#endif\n`);
}

function generate(includeDir: string, outDir: string, ...extra: string[]): ReturnType<typeof spawnSync> {
  return spawnSync(process.execPath, [SCRIPT, '--include-dir', includeDir, '--out-dir', outDir, ...extra], { encoding: 'utf8' });
}

const COMMITTED = [
  ['x86_64', X86_64],
  ['i386', I386],
  ['x32', X32],
] as const;

describe('gen-syscall-tables.mjs', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sf-tables-'));
    mkdirSync(join(dir, 'asm'));
    writeHeaders(join(dir, 'asm'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('regenerates the committed tables row for row from headers that define them', () => {
    expect(generate(join(dir, 'asm'), join(dir, 'out')).status).toBe(0);
    for (const [abi, table] of COMMITTED) expect(tableRows(readFileSync(join(dir, 'out', `${abi}.ts`), 'utf8'))).toEqual(table);
  });

  it('is deterministic, and --check passes on its own output', () => {
    generate(join(dir, 'asm'), join(dir, 'out'));
    const first = readFileSync(join(dir, 'out', 'x86_64.ts'), 'utf8');
    generate(join(dir, 'asm'), join(dir, 'out'));
    expect(readFileSync(join(dir, 'out', 'x86_64.ts'), 'utf8')).toBe(first);
    const res = generate(join(dir, 'asm'), join(dir, 'out'), '--check');
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('up to date');
  });

  it('--check ignores the linux-libc-dev version stamp but fails on a changed row', () => {
    generate(join(dir, 'asm'), join(dir, 'out'));
    const file = join(dir, 'out', 'x86_64.ts');
    const generated = readFileSync(file, 'utf8');
    writeFileSync(
      file,
      generated.replace(/linux-libc-dev: .*$/m, 'linux-libc-dev: 0.0-other').replace(/linuxLibcDev: '[^']*'/, "linuxLibcDev: '0.0-other'"),
    );
    expect(generate(join(dir, 'asm'), join(dir, 'out'), '--check').status).toBe(0);
    writeFileSync(file, generated.replace("[0, 'read']", "[0, 'reed']"));
    const res = generate(join(dir, 'asm'), join(dir, 'out'), '--check');
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('x86_64.ts');
  });
});

/*
 * The committed tables against this machine's kernel headers (`npm run setup` installs
 * linux-libc-dev). Compared by content where both define a syscall: older or newer headers
 * define fewer or more syscalls, and a point release changes nothing. Regenerating the committed
 * tables is done on purpose: `npm run gen:syscalls`.
 */
describe("committed tables against this machine's headers", () => {
  it.each(COMMITTED)('%s: every syscall both define has the same number and name', (abi, table) => {
    const header = join(HEADERS, { x86_64: 'unistd_64.h', i386: 'unistd_32.h', x32: 'unistd_x32.h' }[abi]);
    if (!existsSync(header)) throw new Error(`${header} is missing: install linux-libc-dev (npm run setup)`);
    const dir = mkdtempSync(join(tmpdir(), 'sf-tables-'));
    try {
      expect(generate(HEADERS, dir).status).toBe(0);
      const host = tableRows(readFileSync(join(dir, `${abi}.ts`), 'utf8'));
      const hostByNumber = new Map(host);
      const hostByName = new Map(host.map(([nr, name]) => [name, nr]));
      const shared = table.filter(([nr, name]) => hostByNumber.has(nr) || hostByName.has(name));
      for (const [nr, name] of shared) {
        expect(hostByNumber.get(nr), `${abi} ${nr}`).toBe(name);
        expect(hostByName.get(name), `${abi} ${name}`).toBe(nr);
      }
      // Headers from Linux 4.x on define nearly all of them: a comparison over a few rows proves nothing.
      expect(shared.length).toBeGreaterThan(table.length * 0.9);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
