import { execFile } from 'node:child_process';
import { closeSync, constants, openSync, readSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import Docker from 'dockerode';
import { ContainerNotFoundError, DockerError, PrerequisiteError } from '../shared/errors.js';
import { engineFailure } from '../engine/docker/engine-errors.js';
import type { LiveProcess } from './attribute.js';

/** What `audit` knows about the container it is asked about. */
export interface ContainerFacts {
  /** Full 64-hex id. */
  readonly id: string;
  readonly name: string;
  readonly running: boolean;
  readonly startedAtMs: number;
  /** When it last stopped; undefined while it runs. */
  readonly finishedAtMs: number | undefined;
  /** Host pids of its processes right now (init first); empty when it is not running. */
  readonly pids: readonly number[];
  /** Its seccomp profile's defaultAction, or 'unconfined' / 'engine default'. */
  readonly seccomp: string;
}

/** The kernel log, oldest line first, and where it was read from. */
export interface KernelLog {
  readonly source: string;
  readonly lines: readonly string[];
}

/** The kernel settings that decide whether (and how many) seccomp records reach the log. */
export interface SeccompLogSettings {
  /** /proc/sys/kernel/seccomp/actions_logged: needs `log` for SCMP_ACT_LOG to leave records. */
  readonly actionsLogged: readonly string[] | undefined;
  /** kernel.printk_ratelimit (s) and kernel.printk_ratelimit_burst: without auditd, records past it are dropped. */
  readonly ratelimitSec: number | undefined;
  readonly ratelimitBurst: number | undefined;
}

/** Every side effect of `sandfuzz audit`: the real one below, a fake in the unit tests. */
export interface AuditHost {
  /** Throws ContainerNotFoundError when the engine knows no such container. */
  container(ref: string): Promise<ContainerFacts>;
  kernelLog(): Promise<KernelLog>;
  logSettings(): Promise<SeccompLogSettings>;
  /** The live process holding a pid, or undefined when there is none. */
  process(pid: number): Promise<LiveProcess | undefined>;
  /** Wall clock at boot: turns the kernel log's since-boot stamps into times. */
  bootTimeMs(): Promise<number>;
  nowMs(): number;
}

/** USER_HZ: the unit of /proc/PID/stat times, fixed at 100 on x86 whatever the kernel's HZ. */
const USER_HZ = 100;
/** Bound on /dev/kmsg reads, so a record storm while reading cannot keep us reading forever. */
const MAX_KMSG_RECORDS = 1_000_000;

/** The AuditHost on this machine: /dev/kmsg (else dmesg), /proc and the Docker engine. */
export function realAuditHost(docker: Docker = new Docker()): AuditHost {
  let boot: Promise<number> | undefined;
  const bootTimeMs = (): Promise<number> => (boot ??= readFile('/proc/uptime', 'utf8').then((t) => Date.now() - Number(t.split(' ')[0]) * 1000));
  return {
    container: (ref) => inspectContainer(docker, ref),
    kernelLog,
    logSettings: async () => ({
      actionsLogged: (await readProc('/proc/sys/kernel/seccomp/actions_logged'))?.split(/\s+/).filter(Boolean),
      ratelimitSec: numberOf(await readProc('/proc/sys/kernel/printk_ratelimit')),
      ratelimitBurst: numberOf(await readProc('/proc/sys/kernel/printk_ratelimit_burst')),
    }),
    process: async (pid) => {
      const [cgroup, stat] = await Promise.all([readProc(`/proc/${pid}/cgroup`), readProc(`/proc/${pid}/stat`)]);
      const ticks = stat === undefined ? undefined : startTicks(stat);
      if (cgroup === undefined || ticks === undefined) return undefined;
      return { cgroup, startedMs: (await bootTimeMs()) + (ticks * 1000) / USER_HZ };
    },
    bootTimeMs,
    nowMs: () => Date.now(),
  };
}

/** Field 22 of /proc/PID/stat (starttime, in USER_HZ ticks since boot); comm may hold spaces and parens. */
export function startTicks(stat: string): number | undefined {
  const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(after[19]); // after[0] is field 3
  return Number.isSafeInteger(ticks) ? ticks : undefined;
}

/** The PID column of a `docker top` answer. */
export function topPids(top: { Titles?: string[]; Processes?: string[][] } | undefined): number[] {
  const col = top?.Titles?.indexOf('PID') ?? -1;
  if (col < 0) return [];
  return (top?.Processes ?? []).map((row) => Number(row[col])).filter((n) => Number.isSafeInteger(n) && n > 0);
}

/** The profile a container runs under, from its HostConfig.SecurityOpt (Docker stores the JSON text). */
export function seccompOf(securityOpt: readonly string[] | null | undefined): string {
  const opt = securityOpt?.find((o) => o.startsWith('seccomp=') || o.startsWith('seccomp:'));
  if (opt === undefined) return 'engine default';
  const value = opt.slice('seccomp='.length);
  if (value === 'unconfined') return value;
  try {
    return String((JSON.parse(value) as { defaultAction?: unknown }).defaultAction ?? 'unknown');
  } catch {
    return 'unknown';
  }
}

async function inspectContainer(docker: Docker, ref: string): Promise<ContainerFacts> {
  const container = docker.getContainer(ref);
  let info: Docker.ContainerInspectInfo;
  try {
    info = await container.inspect();
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404)
      throw new ContainerNotFoundError(`no container '${ref}' on the Docker engine`, { cause: err });
    throw engineFailure(`inspect container ${ref}`, err);
  }
  let pids: number[] = [];
  if (info.State.Running) {
    // 409: it stopped between inspect and top; it then has no processes, which is the truth.
    const top = await container.top().catch((err: { statusCode?: number; message?: string }) => {
      if (err.statusCode === 409) return undefined;
      throw new DockerError(`list processes of container ${ref}: ${err.message?.split('\n')[0]}`, { cause: err });
    });
    pids = [...new Set([info.State.Pid, ...topPids(top)])].filter((p) => p > 0);
  }
  return {
    id: info.Id,
    name: info.Name.replace(/^\//, ''),
    running: info.State.Running,
    startedAtMs: Date.parse(info.State.StartedAt),
    finishedAtMs: info.State.Running ? undefined : Date.parse(info.State.FinishedAt),
    pids,
    seccomp: seccompOf(info.HostConfig?.SecurityOpt),
  };
}

/** /dev/kmsg first: it has every line with its sequence and needs no other program. */
async function kernelLog(): Promise<KernelLog> {
  let kmsgError: unknown;
  try {
    return { source: '/dev/kmsg', lines: readKmsg() };
  } catch (err) {
    kmsgError = err;
  }
  return new Promise((resolve, reject) => {
    execFile('dmesg', [], { maxBuffer: 256 * 1024 * 1024 }, (err, stdout) => {
      if (!err) return resolve({ source: 'dmesg', lines: stdout.split('\n').filter(Boolean) });
      const why = (e: unknown) => (e as Error).message.split('\n')[0];
      reject(new PrerequisiteError(`cannot read the kernel log (run as root): /dev/kmsg: ${why(kmsgError)}; dmesg: ${why(err)}`, { cause: err }));
    });
  });
}

/**
 * Reads /dev/kmsg from its oldest record until EAGAIN. Each read returns one record; with
 * O_NONBLOCK a read never waits, so plain synchronous reads are safe and fast.
 */
function readKmsg(): string[] {
  const fd = openSync('/dev/kmsg', constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const buf = Buffer.alloc(16 * 1024); // larger than the kernel's record limit (about 1 KiB)
    const lines: string[] = [];
    for (let i = 0; i < MAX_KMSG_RECORDS; i++) {
      let n: number;
      try {
        n = readSync(fd, buf, 0, buf.length, null);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') break;
        // EPIPE: records were overwritten under us; the next read resumes at the oldest one left.
        if (code === 'EPIPE') continue;
        throw err;
      }
      if (n === 0) break;
      // Continuation lines (` KEY=value` device properties) follow the text: keep the text.
      lines.push(buf.toString('utf8', 0, n).split('\n')[0]!);
    }
    return lines;
  } finally {
    closeSync(fd);
  }
}

async function readProc(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').then(
    (t) => t.trim(),
    () => undefined,
  );
}

function numberOf(text: string | undefined): number | undefined {
  const n = Number(text);
  return text !== undefined && Number.isFinite(n) ? n : undefined;
}
