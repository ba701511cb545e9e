import { constants } from 'node:os';
import type { CrashNote } from '../shared/errors.js';
import type { ExitState } from './docker/runtime.js';
import type { UnitRecord } from './session.js';

/**
 * Crashes in a row (no healthy step between them) after which mining stops: a server that dies
 * on every step, or cannot stay up once restarted, yields nothing worth proving.
 */
export const MAX_CRASHES_IN_A_ROW = 3;

/** Log lines kept with a crash: the server's last words, not its whole history. */
export const CRASH_LOG_LINES = 20;

/** How the container ended, as a crash file records it. */
export interface CrashExit {
  readonly running: boolean;
  readonly exitCode: number;
  /** The signal that ended its init process, read from an exit code of 128 + n. */
  readonly signal?: string;
  readonly oomKilled: boolean;
}

/** The server after a step: healthy, or dead (exited, killed) or not answering. */
export type HealthVerdict = { readonly healthy: true } | { readonly healthy: false; readonly reason: string; readonly exit: CrashExit };

/** A server that died while mining: the step that was running, how it ended, its last words. */
export interface CrashRecord {
  /** 1-based number of the crash in the session (crashes/<n>.json). */
  readonly n: number;
  /** The step that was running, or had just run, when the server was found dead. */
  readonly step: UnitRecord;
  readonly reason: string;
  readonly exit: CrashExit;
  readonly logTail: readonly string[];
  /** Milliseconds after mining started. */
  readonly atMs: number;
  /** Epoch of the restart that followed: its syscalls are start-up, not the step's. */
  readonly restartEpoch: number;
}

const SIGNAL_NAMES = new Map<number, string>(Object.entries(constants.signals).map(([name, nr]) => [nr, name]));

/**
 * The signal behind an exit code, by the shell and Docker convention of 128 + n. A process may
 * exit 137 on its own, but a container's init doing so is rare enough to name the signal.
 */
export function signalOfExitCode(exitCode: number): string | undefined {
  return exitCode > 128 ? SIGNAL_NAMES.get(exitCode - 128) : undefined;
}

export function crashExit(state: ExitState): CrashExit {
  const signal = state.running ? undefined : signalOfExitCode(state.exitCode);
  return { running: state.running, exitCode: state.exitCode, ...(signal ? { signal } : {}), oomKilled: state.oomKilled };
}

/** One phrase for how a container ended: 'exited on SIGKILL (exit code 137)'. */
export function describeExit(exit: CrashExit): string {
  if (exit.running) return 'still running';
  const how = exit.signal ? `exited on ${exit.signal} (exit code ${exit.exitCode})` : `exited with code ${exit.exitCode}`;
  return exit.oomKilled ? `${how}, killed for running out of memory` : how;
}

export type Unhealthy = Extract<HealthVerdict, { healthy: false }>;

/** A server found dead, or alive and not answering (`detail` says how its check failed). */
export function deadOrHung(state: ExitState, detail: string): Unhealthy {
  const exit = crashExit(state);
  return { healthy: false, reason: state.running ? `still running but not answering: ${detail}` : describeExit(exit), exit };
}

/**
 * Decides whether the server survived a step. Dead is dead whoever killed it (a unit, or someone
 * from outside: the engine cannot tell them apart); a running server counts as crashed only when
 * its readiness check was asked and failed (`unanswered` says how): it hangs.
 */
export function judgeHealth(state: ExitState, unanswered?: string): HealthVerdict {
  if (!state.running || unanswered !== undefined) return deadOrHung(state, unanswered ?? '');
  return { healthy: true };
}

/** The last `CRASH_LOG_LINES` non-empty lines of a container's log. */
export function logTail(logs: string, lines = CRASH_LOG_LINES): string[] {
  return logs
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.length > 0)
    .slice(-lines);
}

export function buildCrashRecord(args: {
  readonly n: number;
  readonly step: UnitRecord;
  readonly verdict: Unhealthy;
  readonly logs: string;
  readonly atMs: number;
  readonly restartEpoch: number;
}): CrashRecord {
  const { verdict } = args;
  return {
    n: args.n,
    step: args.step,
    reason: verdict.reason,
    exit: verdict.exit,
    logTail: logTail(args.logs),
    atMs: Math.round(args.atMs),
    restartEpoch: args.restartEpoch,
  };
}

/** 'unit 14 (GET /x)', 'lifecycle 9 (signal HUP)': the step as one line names it. */
export function describeStep(step: UnitRecord): string {
  return `${step.kind === 'workload' ? 'unit' : 'lifecycle'} ${step.index} (${step.description})`;
}

export function crashNote(crash: CrashRecord, file?: string): CrashNote {
  return { n: crash.n, step: describeStep(crash.step), reason: crash.reason, ...(file ? { file } : {}) };
}

/** Counts crashes with no healthy step between them. */
export class CrashStreak {
  private inARow = 0;

  constructor(private readonly limit: number = MAX_CRASHES_IN_A_ROW) {}

  /** A step the server survived ends the streak. */
  healthy(): void {
    this.inARow = 0;
  }

  /** Notes a crash; true when it is the one too many (mining must stop). */
  crashed(): boolean {
    this.inARow++;
    return this.inARow >= this.limit;
  }

  get count(): number {
    return this.inARow;
  }
}
