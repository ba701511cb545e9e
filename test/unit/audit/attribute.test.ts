import { describe, expect, it } from 'vitest';
import {
  attribute,
  type AttributionFacts,
  auditWindowStart,
  droppedRecords,
  type LiveProcess,
  pidsToLookUp,
  PROCESS_START_TOLERANCE_MS,
  START_SLACK_MS,
  summariseRecords,
} from '../../../src/audit/attribute.js';
import type { SeccompRecord } from '../../../src/audit/records.js';

const ID = 'a'.repeat(64);
const T0 = 1_796_154_248_000; // the container's StartedAt
const inContainer = (startedMs: number): LiveProcess => ({ cgroup: `9:name=systemd:/docker/${ID}\n8:pids:/docker/${ID}`, startedMs });
const onHost = (startedMs: number): LiveProcess => ({ cgroup: '0::/init.scope', startedMs });

function rec(over: Partial<SeccompRecord>): SeccompRecord {
  return {
    timeMs: T0 + 1000,
    serial: 1,
    pid: 100,
    comm: 'app',
    exe: '/app',
    arch: 'c000003e',
    abi: 'x86_64',
    syscallNr: 41,
    syscall: 'socket',
    compat: false,
    code: 0x7ffc0000,
    action: 'log',
    ...over,
  };
}

function facts(processes: Record<number, LiveProcess | undefined>, over: Partial<AttributionFacts> = {}): AttributionFacts {
  return {
    containerId: ID,
    fromMs: T0 - START_SLACK_MS,
    pids: new Set(),
    processes: new Map(Object.entries(processes).map(([k, v]) => [Number(k), v])),
    ...over,
  };
}

describe('attribute', () => {
  it('gives a record to the container when its pid is a live container process that already existed', () => {
    expect(attribute(rec({}), facts({ 100: inContainer(T0 - 50) }))).toBe('container');
    // By the engine's process list alone, whatever the cgroup text says.
    expect(attribute(rec({}), facts({ 100: onHost(T0 - 50) }, { pids: new Set([100]) }))).toBe('container');
  });

  it('never attributes a record whose process has exited, even when a container process now holds the pid', () => {
    expect(attribute(rec({}), facts({ 100: undefined }))).toBe('gone');
    expect(attribute(rec({}), facts({}))).toBe('gone');
    // pid 100 was reused by a container process started after the record was written.
    const reused = inContainer(T0 + 1000 + PROCESS_START_TOLERANCE_MS + 1);
    expect(attribute(rec({}), facts({ 100: reused }, { pids: new Set([100]) }))).toBe('gone');
    // Within the tolerance of the tick-based start time it is still the same process.
    expect(attribute(rec({}), facts({ 100: inContainer(T0 + 1000 + PROCESS_START_TOLERANCE_MS) }))).toBe('container');
  });

  it("sets other live processes' records apart", () => {
    expect(attribute(rec({}), facts({ 100: onHost(T0 - 10_000) }))).toBe('other');
  });

  it('only considers records inside the window', () => {
    const f = facts({ 100: inContainer(T0 - 60_000) }, { toMs: T0 + 5000 });
    expect(attribute(rec({ timeMs: T0 - START_SLACK_MS - 1 }), f)).toBeUndefined();
    expect(attribute(rec({ timeMs: T0 - 8 }), f)).toBe('container'); // seen: 8 ms before Docker's StartedAt
    expect(attribute(rec({ timeMs: T0 + 5001 }), f)).toBeUndefined();
  });
});

describe('auditWindowStart and pidsToLookUp', () => {
  it('starts at the container start less the slack, or later with --since', () => {
    expect(auditWindowStart(T0, T0 + 60_000)).toBe(T0 - START_SLACK_MS);
    expect(auditWindowStart(T0, T0 + 60_000, 10_000)).toBe(T0 + 50_000);
    expect(auditWindowStart(T0, T0 + 60_000, 3_600_000)).toBe(T0 - START_SLACK_MS);
  });

  it('looks up each pid of the window once, sorted', () => {
    const records = [rec({ pid: 7 }), rec({ pid: 3 }), rec({ pid: 7 }), rec({ pid: 9, timeMs: T0 - 60_000 })];
    expect(pidsToLookUp(records, T0 - START_SLACK_MS)).toEqual([3, 7]);
  });
});

describe('summariseRecords', () => {
  it('sums per ABI, syscall and action, native ABI first, with first and last time and who made them', () => {
    const records = [
      rec({ pid: 101, comm: 'worker', syscall: 'socket', timeMs: T0 + 300 }),
      rec({ pid: 100, syscall: 'socket', timeMs: T0 + 100 }),
      rec({ pid: 100, abi: 'i386', arch: '40000003', syscallNr: 102, syscall: 'socketcall', action: 'kill_thread', code: 0 }),
      rec({ pid: 100, syscallNr: 9999, syscall: undefined }),
      rec({ pid: 100, syscallNr: 16, syscall: 'ioctl' }),
      rec({ pid: 200 }), // exited
      rec({ pid: 201, comm: 'sh' }), // exited
      rec({ pid: 300 }), // a host process
    ];
    const s = summariseRecords(records, facts({ 100: inContainer(T0 - 10), 101: inContainer(T0), 300: onHost(T0 - 1e6) }));
    expect(s.denied.map((d) => [d.abi, d.syscall, d.action, d.count])).toEqual([
      ['x86_64', '#9999', 'log', 1],
      ['x86_64', 'ioctl', 'log', 1],
      ['x86_64', 'socket', 'log', 2],
      ['i386', 'socketcall', 'kill_thread', 1],
    ]);
    expect(s.denied[2]).toMatchObject({ firstMs: T0 + 100, lastMs: T0 + 300, comms: ['app', 'worker'], pids: [100, 101], exes: ['/app'] });
    expect(s.unattributed).toEqual({ records: 2, pids: [200, 201], comms: ['app', 'sh'] });
    expect(s.otherRecords).toBe(1);
  });

  it('is empty without records, and the same whatever the input order', () => {
    expect(summariseRecords([], facts({}))).toEqual({ denied: [], unattributed: { records: 0, pids: [], comms: [] }, otherRecords: 0 });
    const records = [rec({ pid: 100, syscall: 'socket' }), rec({ pid: 100, syscallNr: 16, syscall: 'ioctl' }), rec({ pid: 5 })];
    const f = facts({ 100: inContainer(T0) });
    expect(summariseRecords([...records].reverse(), f)).toEqual(summariseRecords(records, f));
  });
});

describe('droppedRecords', () => {
  it('counts serials the kernel skipped between printed records in the window', () => {
    const stamp = (serial: number, timeMs = T0 + serial) => ({ serial, timeMs, type: 1326 });
    // Measured: 187-196 printed, then 432: the 235 between were numbered and rate-limited away.
    const stamps = [stamp(180, T0 - 60_000), ...Array.from({ length: 10 }, (_, i) => stamp(187 + i)), stamp(432), stamp(432)];
    expect(droppedRecords(stamps, T0)).toBe(235);
    expect(droppedRecords(stamps, T0, T0 + 200)).toBe(0);
    expect(droppedRecords([], T0)).toBe(0);
  });
});
