import { describeStep, type CrashExit, type CrashRecord } from '../engine/crash.js';
import type { UnitRecord } from '../engine/session.js';
import { InputFileError } from '../shared/errors.js';

/** The folder of a run's crash reproducers, inside its output folder. */
export const CRASHES_DIR = 'crashes';

/** Where crash n's reproducer goes, relative to the run folder. */
export function crashFileName(n: number): string {
  return `${CRASHES_DIR}/${n}.json`;
}

/** A crash as report.json lists it; the whole story is in its file. */
export interface CrashSummary {
  readonly n: number;
  /** The reproducer, relative to the run folder. */
  readonly file: string;
  /** Index of the step the server died in (its record is in the file). */
  readonly step: number;
  readonly family: string;
  readonly description: string;
  readonly reason: string;
  readonly exitCode: number;
  readonly signal?: string;
  /** Milliseconds after mining started. */
  readonly atMs: number;
}

export function summariseCrashes(crashes: readonly CrashRecord[]): CrashSummary[] {
  return crashes.map((c) => ({
    n: c.n,
    file: crashFileName(c.n),
    step: c.step.index,
    family: c.step.family,
    description: c.step.description,
    reason: c.reason,
    exitCode: c.exit.exitCode,
    ...(c.exit.signal ? { signal: c.exit.signal } : {}),
    atMs: c.atMs,
  }));
}

/** What the run knows of itself that a reproducer needs: which target, which image, which seed. */
export interface CrashContext {
  readonly target: string;
  /** A built-in's name or a target file's path: how `sandfuzz replay` finds the target again. */
  readonly targetRef?: string;
  readonly image: string;
  readonly imageId: string;
  readonly sandfuzzVersion: string;
  readonly generator: string;
  readonly seed: number;
}

/**
 * crashes/<n>.json: corpus.json's shape (generator, seed, units) holding the one step the server
 * died in, so whatever replays a corpus replays it, plus how the server ended and its last words.
 */
export interface CrashFile extends CrashContext {
  readonly kind: 'sandfuzz-crash';
  readonly crash: number;
  readonly units: readonly [UnitRecord];
  readonly step: string;
  readonly reason: string;
  readonly exit: CrashExit;
  readonly atMs: number;
  readonly logTail: readonly string[];
  /** The command that replays the step against a fresh container of the same image. */
  readonly replay: string;
}

/** The replay command for a crash file at `path`. */
export function replayCommand(path: string, targetRef: string | undefined): string {
  return `sandfuzz replay ${path}${targetRef === undefined ? ' --target TARGET_FILE' : ''}`;
}

export function buildCrashFile(crash: CrashRecord, context: CrashContext, path: string): CrashFile {
  return {
    kind: 'sandfuzz-crash',
    crash: crash.n,
    ...context,
    units: [crash.step],
    step: describeStep(crash.step),
    reason: crash.reason,
    exit: crash.exit,
    atMs: crash.atMs,
    logTail: crash.logTail,
    replay: replayCommand(path, context.targetRef),
  };
}

/** Reads a crash file back (for `sandfuzz replay`); a file that is not one is one line, exit 65. */
export function parseCrashFile(text: string, path: string): CrashFile {
  let data: Partial<CrashFile>;
  try {
    data = JSON.parse(text) as Partial<CrashFile>;
  } catch (err) {
    throw new InputFileError(`${path} is not JSON: ${(err as Error).message}`);
  }
  const step = Array.isArray(data?.units) ? data.units[0] : undefined;
  if (data?.kind !== 'sandfuzz-crash' || !step || typeof step !== 'object' || typeof data.target !== 'string') {
    throw new InputFileError(`${path} is not a sandfuzz crash file (crashes/<n>.json of a run folder)`);
  }
  if (step.kind === 'workload' && step.generator !== data.generator) {
    throw new InputFileError(`${path}: its unit is for generator ${step.generator}, the file names ${data.generator}`);
  }
  return data as CrashFile;
}
