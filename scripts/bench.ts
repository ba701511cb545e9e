// `npm run bench`: the project's benchmarks, every figure a ratio or a time measured in this run.
// Per built-in target: time to saturation (mining), then throughput under no profile, Docker's
// default, the profile just mined, and the mining profile with and without the tracer.
// BENCH_PROFILES_<TARGET>=a.json,b.json (e.g. BENCH_PROFILES_NGINX) adds profiles measured in the
// same rounds as the mined one, each against unconfined and against the mined one.
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { listTargets } from '../targets/index.js';
import { DEFAULT_MINING_BUDGET_SEC } from '../targets/resolve.js';
import { benchCommand, type BenchResult } from '../src/commands/bench.js';
import { runCommand } from '../src/commands/run.js';
import { resolveRunOptions } from '../src/config/run-options.js';
import { CleanupStack } from '../src/engine/cleanup.js';
import { realDeps } from '../src/cli/wiring.js';
import { parseProfile } from '../src/profile/parse.js';

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const seconds = Number(process.env.BENCH_SECONDS ?? 4);
const only = process.env.BENCH_TARGETS?.split(',');
const deps = realDeps();
const signal = new AbortController().signal;
const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);

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
// Checked for every target up front, so a typo fails before minutes of mining.
const targets = listTargets().filter((t) => !only || only.includes(t.name));
const extrasOf = new Map(targets.map((t) => [t.name, extraProfiles(t.name)]));

const rows: Array<{ target: string; miningMs: number; units: number; stopReason: string; allowed: number; bench: BenchResult }> = [];
for (const target of targets) {
  const extras = extrasOf.get(target.name)!;
  const out = await mkdtemp(join(tmpdir(), `sandfuzz-bench-${target.name}-`));
  const cleanup = new CleanupStack();
  try {
    const options = resolveRunOptions(
      { target: target.name, seed: 1, out, enforce: false, holdout: 0 },
      { defaultMaxTimeSec: target.miningBudgetSec ?? DEFAULT_MINING_BUDGET_SEC },
    );
    const { report, profilePath } = await runCommand(target, options, {
      ...deps,
      cleanup,
      signal,
      log: () => {},
    });
    log(
      `${target.name}: ${report.stop.reason} after ${report.unitsRun} units in ${(report.miningMs / 1000).toFixed(1)}s, ${report.profile.allowed} syscalls`,
    );
    const bench = await benchCommand(
      { target: target.name, profilePaths: [profilePath, ...extras], options: { rounds, measureSec: seconds, warmupSec: 1, connections: 16 } },
      { ...deps, signal, log },
    );
    rows.push({
      target: target.name,
      miningMs: report.miningMs,
      units: report.unitsRun,
      stopReason: report.stop.reason,
      allowed: report.profile.allowed,
      bench,
    });
  } finally {
    await cleanup.runAll();
    await rm(out, { recursive: true, force: true });
  }
}

await mkdir('reports', { recursive: true });
const path = join('reports', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
await writeFile(path, `${JSON.stringify({ rounds, seconds, rows }, null, 2)}\n`);
process.stdout.write('target    mining      units  stop       allowed  profile/unconfined        docker-default/unconfined  tracer cost\n');
for (const r of rows) {
  const [p, ...more] = r.bench.profiles;
  const d = r.bench.configs.find((c) => c.name === 'docker-default')!;
  const ci = (c: { ratioCi95: readonly [number, number] }): string => `[${c.ratioCi95[0].toFixed(3)}, ${c.ratioCi95[1].toFixed(3)}]`;
  const tracer = r.bench.tracerRatio === null ? 'n/a' : `${((1 - r.bench.tracerRatio) * 100).toFixed(1)}%`;
  process.stdout.write(
    `${r.target.padEnd(9)} ${(r.miningMs / 1000).toFixed(1).padStart(6)}s ${String(r.units).padStart(8)}  ${r.stopReason.padEnd(10)} ${String(r.allowed).padStart(7)}  ` +
      `${p!.ratio.toFixed(3)} ${ci(p!).padEnd(18)} ${d.ratio.toFixed(3)} ${ci(d).padEnd(18)}   ${tracer}\n`,
  );
  // The extra profiles under their target's row: to unconfined, and to the mined profile.
  for (const x of more) {
    process.stdout.write(
      `  ${x.name}: ${x.ratio.toFixed(3)} ${ci(x)} to unconfined, ${x.vsFirst!.ratio.toFixed(3)} ${ci(x.vsFirst!)} to the mined profile\n`,
    );
  }
}
process.stdout.write(`details: ${path}\n`);
