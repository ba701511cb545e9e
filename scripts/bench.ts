// `npm run bench [-- options]`: every figure of issue 10 in one run, each measured here and now
// (src/bench/suite.ts): time to saturation per target over several seeds, throughput under the
// mined profile and the tracer's cost, guided against unguided, and `run --jobs N` against one
// target after another. `npm run bench -- --help` lists the options; `--quick` is a smoke run of
// a few minutes, the defaults the real one (about 50 minutes on 2 cores). Text on stdout (JSON
// with --json), progress on stderr, and the whole result in reports/bench-<time>.json.
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { getTarget } from '../targets/index.js';
import { parseSuiteArgs, SUITE_USAGE } from '../src/bench/suite-args.js';
import { suiteText } from '../src/bench/suite-text.js';
import { runSuite } from '../src/bench/suite.js';
import { realDeps } from '../src/cli/wiring.js';
import { suiteDeps } from '../src/commands/bench-suite.js';
import { parseProfile } from '../src/profile/parse.js';
import { describeError, isSandfuzzError } from '../src/shared/errors.js';
import { packageRoot } from '../src/shared/package-root.js';

/** Extra profiles of one target, from its environment variable, read and checked (throws). */
function extraProfiles(target: string): string[] {
  const key = `BENCH_PROFILES_${target.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
  const paths = (process.env[key] ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => resolve(p));
  for (const p of paths) parseProfile(readFileSync(p, 'utf8'), `${key}: ${p}`);
  return paths;
}

async function main(): Promise<void> {
  const cli = parseSuiteArgs(process.argv.slice(2));
  if (cli.help) {
    process.stdout.write(`${SUITE_USAGE}\n`);
    return;
  }
  const { options } = cli;
  // Checked up front, so a typo in a target or a profile fails before minutes of mining.
  const names = options.targets.map((t) => getTarget(t).name);
  const extras = Object.fromEntries(names.map((n) => [n, extraProfiles(n)]));
  const outRoot = cli.out ? resolve(cli.out) : await mkdtemp(join(tmpdir(), 'sandfuzz-bench-'));
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop).once('SIGTERM', stop);
  const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);
  const world = { ...realDeps(), signal: controller.signal };
  try {
    const result = await runSuite(
      { ...options, throughput: { ...options.throughput, extraProfiles: extras }, outRoot },
      suiteDeps(world, { cli: join(packageRoot(), 'dist/src/cli/main.js'), ...(cli.maxTime ? { maxTime: cli.maxTime } : {}) }, log),
    );
    await mkdir('reports', { recursive: true });
    const path = join('reports', `bench-${result.startedAt.replace(/[:.]/g, '-')}.json`);
    await writeFile(path, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(cli.json ? `${JSON.stringify(result)}\n` : `${suiteText(result)}details: ${path}\n`);
  } finally {
    if (!cli.out) await rm(outRoot, { recursive: true, force: true });
  }
}

await main().catch((err: unknown) => {
  process.stderr.write(`bench: ${describeError(err)}\n`);
  process.exitCode = isSandfuzzError(err) ? err.exitCode : 1;
});
