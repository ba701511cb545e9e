import { join } from 'node:path';
import { prepareOutputDir } from '../io/output-dir.js';
import type { OutputFs } from '../io/output-fs.js';
import { PROFILE_FORMATS } from '../profile/formats/index.js';
import { describeError, InterruptedError, OutputError } from '../shared/errors.js';

/** The proven profile: written last, so its presence means the whole set is complete and proven. */
export const PROFILE_FILE = 'seccomp.json';
/** What mining found before (or without) a passed proof. */
export const PARTIAL_PROFILE_FILE = 'seccomp.partial.json';
export const REPORT_FILE = 'report.json';
export const REPORT_HTML_FILE = 'report.html';
export const CORPUS_FILE = 'corpus.json';

/** A file of the proven set, by name, with its content. */
export interface ProvenFile {
  readonly name: string;
  readonly text: string;
}

/** Every name a run may write, under any --format, with or without --complain. */
export function runFileNames(): string[] {
  const extensions = Object.values(PROFILE_FORMATS).map((f) => f.extension);
  const twins = extensions.flatMap((ext) => [`seccomp${ext}`, `seccomp.complain${ext}`]);
  return [...new Set([PROFILE_FILE, PARTIAL_PROFILE_FILE, REPORT_FILE, REPORT_HTML_FILE, CORPUS_FILE, ...twins])];
}

function asOutputError(what: string, err: unknown): unknown {
  if (err instanceof OutputError || (err as Error | undefined)?.name === 'InterruptedError') return err;
  return new OutputError(`cannot ${what}: ${describeError(err)}`, { cause: err });
}

/**
 * One run's output folder and the order its files are written in, so that a run that ends early
 * (interrupt, failed proof, full disk) can never leave a set that looks complete:
 *
 * 1. open: the folder is checked writable and files of an earlier run are removed;
 * 2. writeMined: seccomp.partial.json, corpus.json and a report.json that says partial;
 * 3. writeProven: report.html, the --format and complain files, the final report.json, then
 *    seccomp.json last, then seccomp.partial.json is removed.
 *
 * A run that fails after 2 calls keepPartial: the proven files it wrote are removed again and
 * report.json says why the profile is partial.
 */
export class RunOutput {
  private readonly provenWritten = new Set<string>();

  private constructor(
    private readonly fs: OutputFs,
    readonly dir: string,
  ) {}

  /** Checks the folder before anything is built or started (OutputError, exit 74, otherwise). */
  static async open(fs: OutputFs, outDir: string): Promise<RunOutput> {
    return new RunOutput(fs, await prepareOutputDir(fs, outDir, runFileNames()));
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  async writeMined(files: { readonly profileJson: string; readonly corpus: string; readonly report: string }): Promise<void> {
    await this.write(PARTIAL_PROFILE_FILE, files.profileJson);
    await this.write(CORPUS_FILE, files.corpus);
    await this.write(REPORT_FILE, files.report);
  }

  /**
   * The proven set: `files` in order (report.html, format and complain files), then report.json,
   * then seccomp.json. A failure leaves seccomp.json unwritten; the caller then calls keepPartial.
   * An interrupt between two files stops there too: an interrupted run never claims completion.
   */
  async writeProven(files: readonly ProvenFile[], report: string, profileJson: string, signal?: AbortSignal): Promise<void> {
    const next = async (name: string, text: string): Promise<void> => {
      if (signal?.aborted) throw new InterruptedError('interrupted while writing the results');
      this.provenWritten.add(name);
      await this.write(name, text);
    };
    for (const f of files) await next(f.name, f.text);
    await next(REPORT_FILE, report);
    await next(PROFILE_FILE, profileJson);
    this.provenWritten.clear();
    // Best effort: seccomp.json is in place and report.json says complete; a leftover is harmless.
    await this.fs.remove(this.path(PARTIAL_PROFILE_FILE)).catch(() => undefined);
  }

  /**
   * Ends a run that did not prove its profile: removes whatever of the proven set it wrote (a
   * format file without seccomp.json would look deployable) and writes report.json saying why.
   * Best effort on every step: it runs on the way out of a failure, whose error is the one shown.
   */
  async keepPartial(report: string): Promise<string[]> {
    const problems: string[] = [];
    for (const name of this.provenWritten) {
      if (name === REPORT_FILE) continue;
      await this.fs.remove(this.path(name)).catch((err: unknown) => problems.push(`remove ${name}: ${describeError(err)}`));
    }
    this.provenWritten.clear();
    await this.write(REPORT_FILE, report).catch((err: unknown) => problems.push(describeError(err)));
    return problems;
  }

  private async write(name: string, text: string): Promise<void> {
    const path = this.path(name);
    await this.fs.write(path, text).catch((err: unknown) => {
      throw asOutputError(`write ${path}`, err);
    });
  }
}
