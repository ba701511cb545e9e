import { CommanderError } from 'commander';
import { CleanupStack } from '../engine/cleanup.js';
import { describeError, InterruptedError, isSandfuzzError } from '../shared/errors.js';

/** The process-wide cleanup stack and abort signal (Ctrl-C, SIGTERM) every command shares. */
export const cleanup = new CleanupStack();
const controller = new AbortController();
export const abortSignal: AbortSignal = controller.signal;

/**
 * One signal must end any run within 10 s, cleanup included. Every long await races the abort
 * signal, so a run normally unwinds in a second or two; should something still hang (a request
 * the engine never answers), the cleanup is run without waiting for the command after
 * UNWIND_GRACE_MS, and the process exits at HARD_EXIT_MS whatever is still pending.
 */
const UNWIND_GRACE_MS = 6_000;
const HARD_EXIT_MS = 9_500;

function forceExit(after: number): void {
  setTimeout(() => process.exit(130), after);
}

/** Undoes what the command started without waiting for it to unwind, then exits. */
function cleanUpAndExit(): void {
  void cleanup.runAll().finally(() => process.exit(130));
}

let signals = 0;
function onSignal(name: NodeJS.Signals): void {
  signals++;
  if (signals === 1) {
    process.stderr.write(`\nsandfuzz: ${name} received, stopping and cleaning up (again to force)\n`);
    controller.abort(new InterruptedError(`interrupted by ${name}`));
    setTimeout(cleanUpAndExit, UNWIND_GRACE_MS);
    forceExit(HARD_EXIT_MS);
    return;
  }
  // Second signal: do not wait for the command to unwind, but still undo what it started.
  forceExit(HARD_EXIT_MS / 2);
  cleanUpAndExit();
}

/**
 * Runs a CLI action: the only place that prints errors and sets the exit code. Every error is
 * one line (`sandfuzz: ...`); SANDFUZZ_DEBUG=1 adds the stack for bug reports.
 */
export async function runCliAction(action: () => Promise<unknown>): Promise<void> {
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const exitCode = await settleCliAction(action);
  process.exitCode = exitCode;
  // Everything sandfuzz started is gone by now: exit at once, once what was printed is out.
  // Waiting for the loop to drain instead would leave the exit to Node's handle cleanup, which
  // was seen spinning at full CPU for minutes on a socket it could not close.
  const flushed = (stream: NodeJS.WriteStream): Promise<void> => new Promise((resolve) => stream.write('', () => resolve()));
  await Promise.race([Promise.all([flushed(process.stdout), flushed(process.stderr)]), new Promise((r) => setTimeout(r, 2_000).unref())]);
  process.exit(exitCode);
}

/**
 * Runs an action to its exit code: prints its error as one line and undoes what it started, but
 * neither listens for signals nor exits, so tests drive the CLI in-process through it.
 */
export async function settleCliAction(action: () => Promise<unknown>): Promise<number> {
  let exitCode = 0;
  try {
    await action();
  } catch (err) {
    exitCode = report(abortSignal.aborted && !isSandfuzzError(err) ? new InterruptedError('interrupted') : err);
  }
  const failures = await cleanup.runAll();
  for (const f of failures) process.stderr.write(`sandfuzz: cleanup: ${f}\n`);
  if (failures.length > 0 && exitCode === 0) exitCode = 1;
  if (abortSignal.aborted && exitCode === 0) exitCode = 130;
  return exitCode;
}

/** A bug of sandfuzz's own (no SandfuzzError): distinct from every code in errors.ts. */
const INTERNAL_ERROR_EXIT_CODE = 2;

function report(err: unknown): number {
  // commander printed its own one line (program.ts routes it through outputError).
  if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 64;
  if (isSandfuzzError(err)) {
    process.stderr.write(`sandfuzz: ${err.message}\n`);
    if (process.env.SANDFUZZ_DEBUG) process.stderr.write(`${err.stack}\n`);
    return err.exitCode;
  }
  process.stderr.write(`sandfuzz: internal error: ${describeError(err)} (SANDFUZZ_DEBUG=1 shows the stack)\n`);
  if (process.env.SANDFUZZ_DEBUG) process.stderr.write(`${(err as Error)?.stack}\n`);
  return INTERNAL_ERROR_EXIT_CODE;
}
