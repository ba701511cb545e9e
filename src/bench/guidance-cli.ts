import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureReport, runArguments, type GuidanceBatchRequest, type GuidanceRunRequest, type GuidanceRunResult } from './guidance-compare.js';

// Comparison runs as `sandfuzz run` processes of a given build, one at a time, under a lock: the
// side of the guidance comparison that touches processes and files (guidance-compare.ts is pure).

export interface CliRunOptions {
  /** dist/src/cli/main.js of the build to measure. */
  readonly cli: string;
  /** Held (flock(1)) for the length of each run, so measurements of others never overlap one. */
  readonly lockFile?: string;
  /** Runs a command to its end; resolves with its exit code (node:child_process when absent). */
  readonly exec?: (command: string, args: readonly string[]) => Promise<number>;
}

/** A command of a comparison run that exited non-zero; the exit code tells a failed proof (3) from the rest. */
export class RunFailedError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'RunFailedError';
  }
}

function spawnToEnd(command: string, args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => void (err = (err + d.toString()).slice(-2000)));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(0) : reject(new RunFailedError(`${command} ${args.join(' ')} exited ${code}: ${err.trim()}`, code ?? -1)),
    );
  });
}

/** Runs the CLI with these arguments to its end (under flock(1) when a lock file is given). */
export async function underLock(options: CliRunOptions, args: readonly string[]): Promise<void> {
  const exec = options.exec ?? spawnToEnd;
  const [command, commandArgs] = options.lockFile
    ? ['flock', [options.lockFile, process.execPath, options.cli, ...args]]
    : [process.execPath, [options.cli, ...args]];
  const code = await exec(command, commandArgs);
  if (code !== 0) throw new RunFailedError(`${command} ${commandArgs.join(' ')} exited ${code}`, code);
}

/** Runs `body` with a fresh temporary folder, removed afterwards whatever happens. */
export async function inScratchFolder<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'sandfuzz-compare-'));
  try {
    return await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A runner for compareGuidance: each run is its own `sandfuzz run` process (under flock when a
 * lock file is given: Node has no file lock of its own), so no state carries from one run to the
 * next, and its report.json is read back. The output folder is removed afterwards.
 */
export function cliMiningRun(options: CliRunOptions): (request: GuidanceRunRequest) => Promise<GuidanceRunResult> {
  return (request) =>
    inScratchFolder(async (out) => {
      await underLock(options, runArguments(request, join(out, 'run')));
      return measureReport(await readFile(join(out, 'run', 'report.json'), 'utf8'));
    });
}

/** Where a batch run leaves a target's report.json: out/<name> with several targets, out itself with one (as `sandfuzz run` does). */
export function batchReportPath(out: string, targets: readonly string[], folder: (target: string) => string, target: string): string {
  return targets.length > 1 ? join(out, folder(target), 'report.json') : join(out, 'report.json');
}

/**
 * A batch runner for compareGuidance: one `sandfuzz run --target A --target B ... --jobs 1`
 * process per seed and mode, the targets mined one after the other with one tracer (a run with
 * several targets writes each into out/<name>; `folder` gives that name of a target).
 */
export function cliMiningBatch(
  options: CliRunOptions & { readonly folder: (target: string) => string },
): (request: GuidanceBatchRequest) => Promise<GuidanceRunResult[]> {
  return (request) =>
    inScratchFolder(async (out) => {
      await underLock(options, runArguments(request, out));
      return await Promise.all(
        request.targets.map(async (t) => measureReport(await readFile(batchReportPath(out, request.targets, options.folder, t), 'utf8'))),
      );
    });
}
