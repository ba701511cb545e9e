import { describe, expect, it } from 'vitest';
import { HIGH_RISK_SYSCALLS, highRisk } from '../../../src/syscalls/high-risk.js';
import { isKnownSyscall } from '../../../src/syscalls/index.js';

const REQUIRED = [
  'ptrace',
  'bpf',
  'mount',
  'umount2',
  'keyctl',
  'add_key',
  'request_key',
  'userfaultfd',
  'unshare',
  'setns',
  'io_uring_setup',
  'io_uring_enter',
  'io_uring_register',
  'kexec_load',
  'kexec_file_load',
  'perf_event_open',
  'init_module',
  'finit_module',
  'delete_module',
  'pivot_root',
  'open_by_handle_at',
  'name_to_handle_at',
  'process_vm_readv',
  'process_vm_writev',
  'personality',
  'clone3',
];

describe('high-risk syscalls', () => {
  it('name only syscalls that exist in the x86_64 table', () => {
    expect(HIGH_RISK_SYSCALLS.map((h) => h.name).filter((n) => !isKnownSyscall(n, 'x86_64'))).toEqual([]);
  });

  it('cover the required list once each, each with a one-line reason', () => {
    for (const name of REQUIRED) expect(highRisk(name)?.name, name).toBe(name);
    const names = HIGH_RISK_SYSCALLS.map((h) => h.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    for (const h of HIGH_RISK_SYSCALLS) {
      expect(h.why.length, h.name).toBeGreaterThan(10);
      expect(h.why, h.name).not.toContain('\n');
    }
    expect(highRisk('read')).toBeUndefined();
  });
});
