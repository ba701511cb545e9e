import { describe, expect, it } from 'vitest';
import { SYSCALL_CATEGORIES, syscallCategory, syscallsInCategory } from '../../../src/syscalls/categories.js';
import { allSyscallNames } from '../../../src/syscalls/index.js';

describe('syscall categories', () => {
  const listed = SYSCALL_CATEGORIES.flatMap((c) => syscallsInCategory(c));

  it('give every x86_64 syscall exactly one category', () => {
    const names = allSyscallNames('x86_64');
    expect(names.filter((n) => syscallCategory(n) === undefined)).toEqual([]);
    expect(listed.filter((n, i) => listed.indexOf(n) !== i)).toEqual([]);
    expect(listed.length).toBe(names.length);
  });

  it('list only names that exist in the x86_64 table', () => {
    const names = new Set(allSyscallNames('x86_64'));
    expect(listed.filter((n) => !names.has(n))).toEqual([]);
  });

  it('put well-known syscalls where a reviewer expects them', () => {
    expect(syscallCategory('openat')).toBe('file');
    expect(syscallCategory('accept4')).toBe('network');
    expect(syscallCategory('execve')).toBe('process');
    expect(syscallCategory('mmap')).toBe('memory');
    expect(syscallCategory('clock_nanosleep')).toBe('time');
    expect(syscallCategory('futex')).toBe('ipc');
    expect(syscallCategory('mount')).toBe('privileged');
    expect(syscallCategory('no_such_call')).toBeUndefined();
  });
});
