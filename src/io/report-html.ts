import { join } from 'node:path';
import { readRunFolder, REPORT_HTML, renderRunReportHtml, type RunInputs, type WriteReportOptions } from '../report/html/write.js';
import { writeFileAtomic } from './atomic-write.js';

/**
 * Writes DIR/report.html atomically and returns its path: from `run` when the caller holds the
 * run in memory (`sandfuzz run`), else from DIR's JSON files (`sandfuzz report DIR`).
 */
export async function writeReportHtml(dir: string, options: WriteReportOptions & { readonly run?: RunInputs } = {}): Promise<string> {
  const run = options.run ?? (await readRunFolder(dir));
  const out = join(dir, REPORT_HTML);
  await writeFileAtomic(out, await renderRunReportHtml(run, options));
  return out;
}
