import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { InputFileError, SandfuzzError } from '../../shared/errors.js';
import { parseProfile } from '../../profile/parse.js';
import type { SeccompProfile } from '../../profile/seccomp.js';
import type { RunReport } from '../run-report.js';
import { renderReportCharts } from './charts.js';
import {
  debianPackageVersion,
  DOCKER_DEFAULT_PACKAGE,
  DOCKER_DEFAULT_PROFILE_PATH,
  type DockerDefaultInput,
  type KeptCorpus,
  parseKeptCorpus,
  parseRunReport,
} from './inputs.js';
import { missingDockerDefault } from './docker-compare.js';
import { buildReportModel } from './model.js';
import { renderReportHtml } from './render.js';

/** Where to find Docker's default profile (tests point it elsewhere). */
export interface WriteReportOptions {
  readonly dockerDefaultPath?: string;
  readonly dpkgStatusPath?: string;
}

/** What the page shows: a run's report, its profile and, when there is one, its kept corpus. */
export interface RunInputs {
  readonly report: RunReport;
  readonly profile: SeccompProfile;
  readonly corpus?: KeptCorpus | undefined;
}

/** The file the page goes in, beside report.json. */
export const REPORT_HTML = 'report.html';

/**
 * report.html for a run held in memory (`sandfuzz run` renders what it has just built, so the
 * page cannot disagree with it); the only file read is Docker's default profile. The caller writes it.
 */
export async function renderRunReportHtml(run: RunInputs, options: WriteReportOptions = {}): Promise<string> {
  const dockerDefault = await loadDockerDefault(options);
  const model = buildReportModel(run.report, run.profile, dockerDefault, run.corpus);
  return renderReportHtml(model, await renderReportCharts(model));
}

/** Reads DIR's report.json, seccomp.json and corpus.json (optional), for `sandfuzz report DIR`. */
export async function readRunFolder(dir: string): Promise<RunInputs> {
  const reportPath = join(dir, 'report.json');
  const reportText = await readText(reportPath);
  if (reportText === undefined) throw new InputFileError(`${dir}: no report.json (not a sandfuzz run folder?)`);
  const report = parseRunReport(reportText, reportPath);

  // A run that was not proven left its profile as seccomp.partial.json; the page says so.
  const profilePath = join(dir, report.partial ? 'seccomp.partial.json' : 'seccomp.json');
  const profileText = await readText(profilePath);
  if (profileText === undefined) throw new InputFileError(`${dir}: no ${basename(profilePath)} next to report.json`);
  const profile = parseProfile(profileText, profilePath);

  const corpusPath = join(dir, 'corpus.json');
  const corpusText = await readText(corpusPath);
  const corpus: KeptCorpus | undefined = corpusText === undefined ? undefined : parseKeptCorpus(corpusText, corpusPath);
  return { report, profile, corpus };
}

/** Docker's default profile, or why it cannot be used: the page says so instead of failing. */
async function loadDockerDefault(options: WriteReportOptions): Promise<DockerDefaultInput> {
  const path = options.dockerDefaultPath ?? DOCKER_DEFAULT_PROFILE_PATH;
  let text: string | undefined;
  try {
    text = await readText(path);
  } catch (err) {
    return { path, problem: `could not be read (${err instanceof Error ? err.message.split('\n')[0] : String(err)})` };
  }
  if (text === undefined) return missingDockerDefault(path);
  try {
    const profile = parseProfile(text, path);
    const status = await readText(options.dpkgStatusPath ?? '/var/lib/dpkg/status').catch(() => undefined);
    const packageVersion = status === undefined ? undefined : debianPackageVersion(status, DOCKER_DEFAULT_PACKAGE);
    return packageVersion === undefined ? { path, profile } : { path, profile, packageVersion };
  } catch (err) {
    if (err instanceof SandfuzzError) return { path, problem: `is not usable (${err.message})` };
    throw err;
  }
}

/** A file's text, or undefined when it does not exist; other read errors become InputFileError. */
async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new InputFileError(`cannot read ${path}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`, { cause: err });
  }
}
