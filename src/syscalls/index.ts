import { SOURCE as I386_SOURCE, TABLE as I386 } from './tables/i386.js';
import { SOURCE as X32_SOURCE, TABLE as X32 } from './tables/x32.js';
import { SOURCE as X86_64_SOURCE, TABLE as X86_64 } from './tables/x86_64.js';

/** The x86 syscall ABIs a container process can use on an x86_64 host. */
export type Abi = 'x86_64' | 'i386' | 'x32';

/** Every ABI, in the canonical order used for sorting (native first). */
export const ABIS: readonly Abi[] = Object.freeze(['x86_64', 'i386', 'x32'] as const);

/** The libseccomp architecture token for each ABI, as it appears in a profile's `architectures`. */
export const SECCOMP_ARCH = Object.freeze({
  x86_64: 'SCMP_ARCH_X86_64',
  i386: 'SCMP_ARCH_X86',
  x32: 'SCMP_ARCH_X32',
} as const satisfies Record<Abi, string>);

/** x32 syscall numbers carry this bit (kernel's __X32_SYSCALL_BIT); tables keep it. */
export const X32_SYSCALL_BIT = 0x40000000;

/** Where each generated table came from (header path and linux-libc-dev version). */
export const SYSCALL_TABLE_SOURCE: Readonly<Record<Abi, { readonly header: string; readonly linuxLibcDev: string }>> = Object.freeze({
  x86_64: X86_64_SOURCE,
  i386: I386_SOURCE,
  x32: X32_SOURCE,
});

interface Index {
  readonly byNumber: ReadonlyMap<number, string>;
  readonly byName: ReadonlyMap<string, number>;
  readonly names: readonly string[];
}

function index(table: readonly (readonly [number, string])[]): Index {
  const byNumber = new Map<number, string>();
  const byName = new Map<string, number>();
  for (const [nr, name] of table) {
    byNumber.set(nr, name);
    byName.set(name, nr);
  }
  return { byNumber, byName, names: Object.freeze([...byName.keys()].sort(compareNames)) };
}

const TABLES: Readonly<Record<Abi, Index>> = {
  x86_64: index(X86_64),
  i386: index(I386),
  x32: index(X32),
};

const ALL_NAMES: ReadonlySet<string> = new Set(ABIS.flatMap((abi) => TABLES[abi].names));

/** Plain code-unit order: locale-independent, so sorted output is the same on every machine. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True if `value` is one of the ABI names. */
export function isAbi(value: unknown): value is Abi {
  return value === 'x86_64' || value === 'i386' || value === 'x32';
}

/** The syscall name for a raw number on an ABI (x32 numbers include the x32 bit), or undefined. */
export function syscallName(abi: Abi, nr: number): string | undefined {
  return TABLES[abi].byNumber.get(nr);
}

/** The raw syscall number of a name on an ABI, or undefined if the ABI has no such syscall. */
export function syscallNumber(abi: Abi, name: string): number | undefined {
  return TABLES[abi].byName.get(name);
}

/** True if `name` is a syscall on `abi`, or on any ABI when `abi` is omitted. */
export function isKnownSyscall(name: string, abi?: Abi): boolean {
  return abi === undefined ? ALL_NAMES.has(name) : TABLES[abi].byName.has(name);
}

/** All syscall names of an ABI, sorted. */
export function allSyscallNames(abi: Abi): readonly string[] {
  return TABLES[abi].names;
}
