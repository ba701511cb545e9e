import { type Abi, syscallName, X32_SYSCALL_BIT } from '../syscalls/index.js';

/**
 * Parses the kernel's seccomp audit records out of kernel log lines. Without auditd the kernel
 * prints every audit record to its log, e.g. (from /dev/kmsg, dmesg prints `[secs.usecs] ` instead
 * of the `prio,seq,usecs,flags;` head):
 *
 *   5,21850,11245789975,-;audit: type=1326 audit(1796154248.338:180): auid=4294967295 uid=0 gid=0
 *   ses=4294967295 pid=32607 comm="sockprobe" exe="/sockprobe" sig=0 arch=c000003e syscall=41
 *   compat=0 ip=0x4011ea code=0x7ffc0000
 *
 * Pure: lines in, records out; lines that are not such records are skipped.
 */

/** AUDIT_SECCOMP (linux/audit.h): one record per logged seccomp decision. */
export const AUDIT_SECCOMP = 1326;

/** The filter's decision, named as in /proc/sys/kernel/seccomp/actions_logged. */
export type SeccompLogAction = 'kill_process' | 'kill_thread' | 'trap' | 'errno' | 'user_notif' | 'trace' | 'log' | 'allow';

/** SECCOMP_RET_* (linux/seccomp.h), the high 16 bits of `code`; the low 16 are the action's data. */
const ACTIONS: ReadonlyMap<number, SeccompLogAction> = new Map([
  [0x80000000, 'kill_process'],
  [0x00000000, 'kill_thread'],
  [0x00030000, 'trap'],
  [0x00050000, 'errno'],
  [0x7fc00000, 'user_notif'],
  [0x7ff00000, 'trace'],
  [0x7ffc0000, 'log'],
  [0x7fff0000, 'allow'],
]);

/** AUDIT_ARCH_* (linux/audit.h) of the ABIs an x86_64 kernel runs; x32 shares x86_64's. */
const ARCH_ABI: Readonly<Record<string, Abi>> = { c000003e: 'x86_64', '40000003': 'i386' };

/** One seccomp audit record. */
export interface SeccompRecord {
  /** Wall clock of the decision (the audit stamp: seconds and milliseconds). */
  readonly timeMs: number;
  /** Audit serial: one per record, so gaps are records the kernel did not print. */
  readonly serial: number;
  readonly pid: number;
  readonly comm: string;
  readonly exe: string;
  /** AUDIT_ARCH_* in hex, as printed. */
  readonly arch: string;
  /** The ABI, undefined for an architecture this x86 build does not know. */
  readonly abi: Abi | undefined;
  /** Raw number (x32 numbers keep the x32 bit) and its name, when the tables know it. */
  readonly syscallNr: number;
  readonly syscall: string | undefined;
  readonly compat: boolean;
  readonly code: number;
  readonly action: SeccompLogAction | undefined;
}

/** Serial and time of any audit record: what the drop count is computed from. */
export interface AuditStamp {
  readonly timeMs: number;
  readonly serial: number;
  readonly type: number;
}

/** What a kernel log holds for `audit`. */
export interface KernelLogContents {
  readonly seccomp: readonly SeccompRecord[];
  readonly stamps: readonly AuditStamp[];
  /** Kernel-clock time (ms since boot) of the oldest line, to tell whether the log reaches back far enough. */
  readonly oldestLineMs: number | undefined;
}

const HEAD = /\baudit: type=(\d+) audit\((\d+)\.(\d{3}):(\d+)\):\s*(.*)$/;
const FIELD = /([a-z_]+)=("[^"]*"|\S+)/g;
/** `/dev/kmsg`: prio,seq,usecs,flags;text. */
const KMSG_TIME = /^\d+,\d+,(\d+),[^;]*;/;
/** dmesg: [   11219.189705] text. */
const DMESG_TIME = /^\[\s*(\d+)\.(\d+)\]/;

/** Parses a kernel log (oldest line first). */
export function parseKernelLog(lines: readonly string[]): KernelLogContents {
  const seccomp: SeccompRecord[] = [];
  const stamps: AuditStamp[] = [];
  let oldestLineMs: number | undefined;
  for (const line of lines) {
    oldestLineMs ??= lineTimeMs(line);
    const head = HEAD.exec(line);
    if (!head) continue;
    const stamp = { type: Number(head[1]), timeMs: Number(head[2]) * 1000 + Number(head[3]), serial: Number(head[4]) };
    stamps.push(stamp);
    if (stamp.type !== AUDIT_SECCOMP) continue;
    const record = seccompRecord(stamp, head[5]!);
    if (record) seccomp.push(record);
  }
  return { seccomp, stamps, oldestLineMs };
}

/** One line as a seccomp record, or undefined. */
export function parseSeccompRecord(line: string): SeccompRecord | undefined {
  return parseKernelLog([line]).seccomp[0];
}

function seccompRecord(stamp: AuditStamp, body: string): SeccompRecord | undefined {
  const f = fields(body);
  const pid = int(f.get('pid'));
  const nr = int(f.get('syscall'));
  const arch = f.get('arch');
  const code = int(f.get('code'));
  if (pid === undefined || nr === undefined || arch === undefined || code === undefined) return undefined;
  const native = ARCH_ABI[arch.toLowerCase()];
  // x32 calls arrive through the x86_64 entry with the x32 bit set in the number.
  const abi = native === 'x86_64' && nr & X32_SYSCALL_BIT ? 'x32' : native;
  return {
    timeMs: stamp.timeMs,
    serial: stamp.serial,
    pid,
    comm: f.get('comm') ?? '',
    exe: f.get('exe') ?? '',
    arch: arch.toLowerCase(),
    abi,
    syscallNr: nr,
    syscall: abi && syscallName(abi, nr),
    compat: f.get('compat') === '1',
    code,
    action: ACTIONS.get((code & 0xffff0000) >>> 0),
  };
}

/** key=value pairs; audit prints untrusted strings (comm, exe) quoted, or as bare hex when they hold spaces or quotes. */
function fields(body: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [, key, raw] of body.matchAll(FIELD)) {
    if (out.has(key!)) continue;
    out.set(key!, raw!.startsWith('"') ? raw!.slice(1, -1) : key === 'comm' || key === 'exe' ? unhex(raw!) : raw!);
  }
  return out;
}

function unhex(value: string): string {
  if (!/^(?:[0-9A-F]{2})+$/.test(value)) return value;
  return Buffer.from(value, 'hex').toString('utf8');
}

/** Decimal, or hex with 0x (code). */
function int(value: string | undefined): number | undefined {
  if (value === undefined || !/^(?:\d+|0x[0-9a-f]+)$/i.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}

function lineTimeMs(line: string): number | undefined {
  const kmsg = KMSG_TIME.exec(line);
  if (kmsg) return Number(kmsg[1]) / 1000;
  const dmesg = DMESG_TIME.exec(line);
  return dmesg ? Number(dmesg[1]) * 1000 + Number(`0.${dmesg[2]}`) * 1000 : undefined;
}
