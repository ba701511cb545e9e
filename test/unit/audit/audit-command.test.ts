import { describe, expect, it } from 'vitest';
import type { LiveProcess } from '../../../src/audit/attribute.js';
import { type AuditHost, type ContainerFacts, seccompOf, startTicks, topPids } from '../../../src/audit/host.js';
import { auditCommand, formatAudit } from '../../../src/commands/audit.js';
import { ContainerNotFoundError } from '../../../src/shared/errors.js';

const ID = 'c'.repeat(64);
const START = Date.parse('2026-12-01T19:46:22.130Z');
const BOOT = START - 11_352_000; // kernel-clock 0, so START is at 11352 s in the log
const line = (serial: number, pid: number, offsetMs: number, syscall = 41, arch = 'c000003e', code = '0x7ffc0000') => {
  const t = START + offsetMs;
  return `[${((t - BOOT) / 1000).toFixed(6)}] audit: type=1326 audit(${Math.floor(t / 1000)}.${String(t % 1000).padStart(3, '0')}:${serial}): auid=4294967295 uid=0 gid=0 ses=4294967295 pid=${pid} comm="sockprobe" exe="/sockprobe" sig=0 arch=${arch} syscall=${syscall} compat=0 ip=0x401378 code=${code}`;
};

/** A hand-written AuditHost: the container, the log lines and the live processes are given. */
function fakeHost(
  over: { container?: Partial<ContainerFacts>; lines?: string[]; processes?: Record<number, LiveProcess>; actionsLogged?: string[] } = {},
): AuditHost {
  const container: ContainerFacts = {
    id: ID,
    name: 'probe',
    running: true,
    startedAtMs: START,
    finishedAtMs: undefined,
    pids: [2018],
    seccomp: 'SCMP_ACT_LOG',
    ...over.container,
  };
  return {
    container: async (ref) => {
      if (ref !== 'probe' && ref !== ID) throw new ContainerNotFoundError(`no container '${ref}' on the Docker engine`);
      return container;
    },
    kernelLog: async () => ({ source: 'dmesg', lines: over.lines ?? [] }),
    logSettings: async () => ({ actionsLogged: over.actionsLogged ?? ['kill_process', 'kill_thread', 'log'], ratelimitSec: 5, ratelimitBurst: 10 }),
    process: async (pid) => over.processes?.[pid],
    bootTimeMs: async () => BOOT,
    nowMs: () => START + 60_000,
  };
}

describe('auditCommand', () => {
  const processes = { 2018: { cgroup: `8:pids:/docker/${ID}`, startedMs: START - 30 } };

  it('lists what the container would have been denied, and what it cannot attribute', async () => {
    const host = fakeHost({
      processes,
      lines: [
        line(100, 2018, -60_000), // before the container started
        line(431, 2018, -8), // 8 ms before Docker's StartedAt, as measured
        line(432, 2018, 0),
        line(440, 2100, 5000), // an exec'd process that has exited
        line(441, 2018, 6000, 102, '40000003', '0x0'),
      ],
    });
    const r = await auditCommand({ container: 'probe' }, host);
    expect(r.denied.map((d) => [d.abi, d.syscall, d.action, d.count, d.pids])).toEqual([
      ['x86_64', 'socket', 'log', 2, [2018]],
      ['i386', 'socketcall', 'kill_thread', 1, [2018]],
    ]);
    expect(r.unattributed).toEqual({ records: 1, pids: [2100], comms: ['sockprobe'] });
    expect(r.droppedRecords).toBe(7); // 433-439, not the gap before the window
    expect(r.logReachesBack).toBe(true);
    const text = formatAudit(r);
    expect(text).toMatch(/^container probe \(cccccccccccc\), running since 2026-12-01T19:46:22.130Z, seccomp SCMP_ACT_LOG; records from dmesg\n/);
    expect(text).toMatch(/\nsocket +2 +sockprobe \(pid 2018\)\n/);
    expect(text).toContain('socketcall (i386) [kill_thread]');
    expect(text).toMatch(/unattributed \(process gone\): 1 record\(s\).*sockprobe \(pid 2100\)/);
    expect(text).toContain('dropped at least 7 audit record(s) of any process in that time (10 per 5 s without auditd)');
    expect(text).not.toContain('nothing logged');
  });

  it('says so when nothing was logged, and why that may be', async () => {
    const r = await auditCommand({ container: 'probe' }, fakeHost({ actionsLogged: ['kill_process'], container: { seccomp: 'SCMP_ACT_ERRNO' } }));
    expect(r.denied).toEqual([]);
    expect(r.logsLogAction).toBe(false);
    const text = formatAudit(r);
    expect(text).toContain('unattributed (process gone): none');
    expect(text).toContain('nothing logged for this container since it started');
    expect(text).toContain("actions_logged is 'kill_process' (add 'log' to it)");
    expect(text).toContain('does not run under a complain profile (seccomp SCMP_ACT_ERRNO)');
  });

  it('attributes nothing once the container has stopped, and bounds the window by its end', async () => {
    const host = fakeHost({
      container: { running: false, pids: [], finishedAtMs: START + 10_000 },
      lines: [line(432, 2018, 0), line(433, 2018, 60_000)],
    });
    const r = await auditCommand({ container: 'probe' }, host);
    expect(r.denied).toEqual([]);
    expect(r.unattributed.records).toBe(1);
    const text = formatAudit(r);
    expect(text).toContain('nothing attributable to this container since it started');
    expect(text).toContain('it is not running: its processes are gone');
  });

  it('narrows the window with --since and notices a log that no longer reaches back', async () => {
    const host = fakeHost({ processes, lines: [`[${(11_380).toFixed(6)}] eth0: renamed`, line(432, 2018, 0), line(433, 2018, 50_000)] });
    const r = await auditCommand({ container: 'probe', sinceMs: 20_000 }, host);
    expect(r.denied.map((d) => d.count)).toEqual([1]);
    expect(r.logReachesBack).toBe(true);
    const all = await auditCommand({ container: 'probe' }, host);
    expect(all.logReachesBack).toBe(false); // the oldest line is 28 s after the start
    expect(formatAudit(all)).toContain('the kernel log no longer reaches back that far');
    expect(formatAudit(r)).toContain('records from dmesg since 2026-12-01T19:47:02.130Z');
  });

  it('passes the engine\'s "no such container" on', async () => {
    await expect(auditCommand({ container: 'nope' }, fakeHost())).rejects.toBeInstanceOf(ContainerNotFoundError);
  });
});

describe('host helpers', () => {
  it('reads the start time from /proc/PID/stat, even with spaces and parens in comm', () => {
    const stat = '2018 (my (odd) app) S 1997 2018 2018 0 -1 4194560 100 0 0 0 0 0 0 0 20 0 1 0 1135263 1032192 1 18446744073709551615';
    expect(startTicks(stat)).toBe(1135263);
    expect(startTicks('garbage')).toBeUndefined();
  });

  it('takes the PID column of docker top', () => {
    expect(
      topPids({
        Titles: ['UID', 'PID', 'PPID', 'CMD'],
        Processes: [
          ['root', '2018', '1997', '/sockprobe'],
          ['root', 'x', '1', 'sh'],
        ],
      }),
    ).toEqual([2018]);
    expect(topPids(undefined)).toEqual([]);
  });

  it("names the container's profile by its defaultAction", () => {
    expect(seccompOf(['seccomp={"defaultAction":"SCMP_ACT_LOG","syscalls":[]}'])).toBe('SCMP_ACT_LOG');
    expect(seccompOf(['seccomp=unconfined'])).toBe('unconfined');
    expect(seccompOf(null)).toBe('engine default');
    expect(seccompOf(['label=disable', 'seccomp={broken'])).toBe('unknown');
  });
});
