import { ABIS, type Abi, compareNames } from '../syscalls/index.js';
import type { AuditStamp, SeccompLogAction, SeccompRecord } from './records.js';

/**
 * Which seccomp records are a container's, and what they add up to. Pure. The kernel record names
 * a pid and nothing else about the container, so a record is the container's only when that pid
 * is, right now, one of the container's processes AND that very process already existed when the
 * record was written. Pids are reused (pid_max is 32768 on small machines), so a record from a
 * process that has exited is never guessed at: it is counted apart, as unattributable.
 */

/**
 * How long before Docker's StartedAt a record may still be the container's. Docker stamps
 * StartedAt once runc has returned, after the entrypoint is already running: the first record of
 * a probe was 8 ms earlier than StartedAt here. The per-process check below is what keeps a
 * reused pid out, so this margin only widens the window, never what is attributed.
 */
export const START_SLACK_MS = 2_000;

/**
 * Tolerance on a process's start time, which is derived from clock ticks (10 ms) since boot and
 * /proc/uptime (10 ms); the audit stamp itself comes from a coarse clock (a few ms).
 */
export const PROCESS_START_TOLERANCE_MS = 250;

/** A live process with the pid a record names. */
export interface LiveProcess {
  /** /proc/PID/cgroup as text: names the container id for container processes. */
  readonly cgroup: string;
  /** Wall-clock start of the process now holding the pid. */
  readonly startedMs: number;
}

/** What attribution needs to know, gathered by the command through the AuditHost. */
export interface AttributionFacts {
  /** Full 64-hex container id. */
  readonly containerId: string;
  /** Records before this wall-clock time are outside the question. */
  readonly fromMs: number;
  /** And after this one, when the container has stopped: its FinishedAt (plus the slack). */
  readonly toMs?: number;
  /** The container's processes per the engine (`docker top`), host pids. */
  readonly pids: ReadonlySet<number>;
  /** The live process holding each pid the records name; undefined: none (it exited). */
  readonly processes: ReadonlyMap<number, LiveProcess | undefined>;
}

/** Where a record goes: this container's, made by a process that is gone, or someone else's. */
export type Attribution = 'container' | 'gone' | 'other';

/** One syscall the container would have been denied, with who made it. */
export interface DeniedSyscall {
  readonly abi: Abi | 'unknown';
  /** Name, or `#NR` when the tables do not know the number. */
  readonly syscall: string;
  readonly syscallNr: number;
  /** 'log' under a complain profile; anything else (kill_thread...) was really enforced. */
  readonly action: SeccompLogAction | 'unknown';
  readonly count: number;
  readonly firstMs: number;
  readonly lastMs: number;
  readonly comms: readonly string[];
  readonly exes: readonly string[];
  readonly pids: readonly number[];
}

/** Records since the window start whose process has exited: they may or may not be the container's. */
export interface Unattributed {
  readonly records: number;
  readonly pids: readonly number[];
  readonly comms: readonly string[];
}

export interface AuditFindings {
  readonly denied: readonly DeniedSyscall[];
  readonly unattributed: Unattributed;
  /** Records in the window from live processes outside the container (not counted anywhere else). */
  readonly otherRecords: number;
}

/** The window a query covers: from the container's start (less the slack), or `since` ago if later. */
export function auditWindowStart(startedAtMs: number, nowMs: number, sinceMs?: number): number {
  const fromStart = startedAtMs - START_SLACK_MS;
  return sinceMs === undefined ? fromStart : Math.max(fromStart, nowMs - sinceMs);
}

/** The pids whose live process the command must look up: every pid a record in the window names. */
export function pidsToLookUp(records: readonly SeccompRecord[], fromMs: number, toMs = Infinity): number[] {
  return sortedNumbers(records.filter((r) => r.timeMs >= fromMs && r.timeMs <= toMs).map((r) => r.pid));
}

/** Where one record goes; undefined when it is outside the window. */
export function attribute(record: SeccompRecord, facts: AttributionFacts): Attribution | undefined {
  if (record.timeMs < facts.fromMs || record.timeMs > (facts.toMs ?? Infinity)) return undefined;
  const live = facts.processes.get(record.pid);
  if (!live) return 'gone';
  const inContainer = facts.pids.has(record.pid) || live.cgroup.includes(facts.containerId);
  // A live process younger than the record holds a reused pid: the record's maker is gone.
  if (record.timeMs < live.startedMs - PROCESS_START_TOLERANCE_MS) return 'gone';
  return inContainer ? 'container' : 'other';
}

/** Attributes every record and sums the container's per (ABI, syscall, action). */
export function summariseRecords(records: readonly SeccompRecord[], facts: AttributionFacts): AuditFindings {
  const groups = new Map<string, SeccompRecord[]>();
  const gone: SeccompRecord[] = [];
  let otherRecords = 0;
  for (const r of records) {
    const where = attribute(r, facts);
    if (where === 'container') {
      const key = `${r.abi}\0${r.syscallNr}\0${r.action}`;
      const group = groups.get(key);
      if (group) group.push(r);
      else groups.set(key, [r]);
    } else if (where === 'gone') gone.push(r);
    else if (where === 'other') otherRecords++;
  }
  const denied = [...groups.values()].map(deniedSyscall).sort(compareDenied);
  return {
    denied,
    unattributed: { records: gone.length, pids: sortedNumbers(gone.map((r) => r.pid)), comms: sortedStrings(gone.map((r) => r.comm)) },
    otherRecords,
  };
}

/**
 * Audit records the kernel numbered but never printed, in the window: without auditd it prints
 * them through printk_ratelimit (10 per 5 s by default) and drops the rest silently; only the
 * serial numbers show it. Counted only between printed records, so a lower bound, for any process.
 */
export function droppedRecords(stamps: readonly AuditStamp[], fromMs: number, toMs = Infinity): number {
  const serials = sortedNumbers(stamps.filter((s) => s.timeMs >= fromMs && s.timeMs <= toMs).map((s) => s.serial));
  let dropped = 0;
  for (let i = 1; i < serials.length; i++) dropped += serials[i]! - serials[i - 1]! - 1;
  return dropped;
}

function deniedSyscall(group: readonly SeccompRecord[]): DeniedSyscall {
  const first = group[0]!;
  const times = group.map((r) => r.timeMs);
  return {
    abi: first.abi ?? 'unknown',
    syscall: first.syscall ?? `#${first.syscallNr}`,
    syscallNr: first.syscallNr,
    action: first.action ?? 'unknown',
    count: group.length,
    firstMs: Math.min(...times),
    lastMs: Math.max(...times),
    comms: sortedStrings(group.map((r) => r.comm)),
    exes: sortedStrings(group.map((r) => r.exe)),
    pids: sortedNumbers(group.map((r) => r.pid)),
  };
}

/** Native ABI first, then by name, then by action: the same order on every machine. */
function compareDenied(a: DeniedSyscall, b: DeniedSyscall): number {
  const rank = (abi: DeniedSyscall['abi']) => (abi === 'unknown' ? ABIS.length : ABIS.indexOf(abi));
  return rank(a.abi) - rank(b.abi) || compareNames(a.syscall, b.syscall) || compareNames(a.action, b.action);
}

function sortedStrings(values: readonly string[]): string[] {
  return [...new Set(values)].sort(compareNames);
}

function sortedNumbers(values: readonly number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}
