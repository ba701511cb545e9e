import { type AuditFindings, auditWindowStart, droppedRecords, pidsToLookUp, START_SLACK_MS, summariseRecords } from '../audit/attribute.js';
import type { AuditHost, SeccompLogSettings } from '../audit/host.js';
import { parseKernelLog } from '../audit/records.js';

/** What `sandfuzz audit` is asked. */
export interface AuditOptions {
  /** Container name or id, as Docker takes it. */
  readonly container: string;
  /** Only records from this long ago on (the container's start when absent or earlier). */
  readonly sinceMs?: number;
}

/** Everything `audit` found out: what `--json` prints and the terminal text is made of. */
export interface AuditResult extends AuditFindings {
  readonly container: {
    readonly id: string;
    readonly name: string;
    readonly running: boolean;
    readonly startedAt: string;
    /** defaultAction of its seccomp profile ('SCMP_ACT_LOG' for a complain profile), or 'unconfined' / 'engine default'. */
    readonly seccomp: string;
  };
  /** Records between these wall-clock times were considered. */
  readonly window: { readonly fromMs: number; readonly toMs: number | undefined };
  readonly source: string;
  readonly settings: SeccompLogSettings;
  /** Whether the kernel logs SCMP_ACT_LOG decisions at all (`log` in actions_logged). */
  readonly logsLogAction: boolean;
  /** Audit records the kernel numbered but did not print in the window, any process: a lower bound. */
  readonly droppedRecords: number;
  /** False when the oldest line left in the kernel's ring buffer is younger than the window start. */
  readonly logReachesBack: boolean;
}

/**
 * `sandfuzz audit CONTAINER`: what the container, running under a complain profile, would have
 * been denied, from the kernel's seccomp audit records. Reads the log before it looks processes
 * up, so every record it attributes was made before the process that holds its pid was checked.
 */
export async function auditCommand(options: AuditOptions, host: AuditHost): Promise<AuditResult> {
  const container = await host.container(options.container);
  const [log, settings, bootMs] = await Promise.all([host.kernelLog(), host.logSettings(), host.bootTimeMs()]);
  const nowMs = host.nowMs();
  const fromMs = auditWindowStart(container.startedAtMs, nowMs, options.sinceMs);
  const toMs = container.finishedAtMs === undefined ? undefined : container.finishedAtMs + START_SLACK_MS;
  const contents = parseKernelLog(log.lines);

  const pids = pidsToLookUp(contents.seccomp, fromMs, toMs);
  const processes = new Map(await Promise.all(pids.map(async (pid) => [pid, await host.process(pid)] as const)));
  const findings = summariseRecords(contents.seccomp, { containerId: container.id, fromMs, toMs, pids: new Set(container.pids), processes });

  return {
    container: {
      id: container.id,
      name: container.name,
      running: container.running,
      startedAt: new Date(container.startedAtMs).toISOString(),
      seccomp: container.seccomp,
    },
    window: { fromMs, toMs },
    source: log.source,
    settings,
    // Unreadable settings (no /proc/sys access): assume the kernel default, which logs `log`.
    logsLogAction: settings.actionsLogged?.includes('log') ?? true,
    ...findings,
    droppedRecords: droppedRecords(contents.stamps, fromMs, toMs),
    logReachesBack: contents.oldestLineMs === undefined || bootMs + contents.oldestLineMs <= fromMs,
  };
}

/** The terminal text: a table of syscalls, then what could not be counted and why. */
export function formatAudit(r: AuditResult): string {
  const out: string[] = [];
  const c = r.container;
  const state = c.running ? `running since ${c.startedAt}` : `not running (last started ${c.startedAt})`;
  out.push(
    `container ${c.name} (${c.id.slice(0, 12)}), ${state}, seccomp ${c.seccomp}; records from ${r.source}${narrowed(r) ? ` since ${iso(r.window.fromMs)}` : ''}`,
  );
  if (r.denied.length > 0) {
    const rows = r.denied.map((d) => [
      `${d.syscall}${d.abi === 'x86_64' ? '' : ` (${d.abi})`}${d.action === 'log' ? '' : ` [${d.action}]`}`,
      String(d.count),
      processes(d.comms, d.pids),
    ]);
    out.push('', ...table([['syscall', 'count', 'processes'], ...rows]));
    if (r.denied.some((d) => d.action !== 'log')) out.push('[action]: enforced, not just logged (an ABI or action the profile really denies)');
  }
  out.push('');
  if (r.unattributed.records > 0) {
    out.push(
      `unattributed (process gone): ${r.unattributed.records} record(s) in that time came from processes that have exited, ` +
        `${processes(r.unattributed.comms, r.unattributed.pids)}; a record names only a pid, so they are not counted above`,
    );
  } else {
    out.push('unattributed (process gone): none');
  }
  if (r.droppedRecords > 0) {
    const limit =
      r.settings.ratelimitBurst !== undefined && r.settings.ratelimitSec !== undefined
        ? `${r.settings.ratelimitBurst} per ${r.settings.ratelimitSec} s`
        : 'printk rate limit';
    out.push(
      `the kernel dropped at least ${r.droppedRecords} audit record(s) of any process in that time (${limit} without auditd): counts are lower bounds`,
    );
  }
  if (!r.logReachesBack) out.push('the kernel log no longer reaches back that far: older records were overwritten');
  if (r.denied.length === 0) out.push(...emptyHints(r));
  return `${out.join('\n')}\n`;
}

function emptyHints(r: AuditResult): string[] {
  const what = r.unattributed.records > 0 ? 'nothing attributable to' : 'nothing logged for';
  const hints = [`${what} this container since ${narrowed(r) ? iso(r.window.fromMs) : 'it started'}`];
  if (!r.logsLogAction) {
    const now = r.settings.actionsLogged?.join(' ') ?? '';
    hints.push(`the kernel does not log SCMP_ACT_LOG decisions: /proc/sys/kernel/seccomp/actions_logged is '${now}' (add 'log' to it)`);
  }
  if (r.container.seccomp !== 'SCMP_ACT_LOG')
    hints.push(`it does not run under a complain profile (seccomp ${r.container.seccomp}): denied calls fail without a record`);
  if (!r.container.running) hints.push('it is not running: its processes are gone, so no record can be attributed to it');
  hints.push('(with auditd running, records go to its log instead: ausearch -m SECCOMP)');
  return hints;
}

/** True when --since starts the window later than the container's start. */
function narrowed(r: AuditResult): boolean {
  return r.window.fromMs > Date.parse(r.container.startedAt) - START_SLACK_MS;
}

/** `nginx, sh (pids 12, 13, 40)`; long pid lists are cut. */
function processes(comms: readonly string[], pids: readonly number[]): string {
  const shown = pids.slice(0, 5).join(', ') + (pids.length > 5 ? `, +${pids.length - 5}` : '');
  return `${comms.join(', ') || '?'} (pid${pids.length === 1 ? '' : 's'} ${shown})`;
}

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '));
}

function iso(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms);
}
