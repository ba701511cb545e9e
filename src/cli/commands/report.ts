import { writeReportHtml } from '../../io/report-html.js';

/** `sandfuzz report DIR`: renders DIR/report.html from the run's JSON files and prints its path. */
export async function report(dir: string): Promise<void> {
  process.stdout.write(`${await writeReportHtml(dir)}\n`);
}
