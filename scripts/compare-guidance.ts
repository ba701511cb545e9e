// Guided vs unguided mining, side by side: same generator, same seeds, same fixed budget (the stop
// rule is disabled with a huge --min-units so both spend the whole budget). Prints, per target and
// mode, syscalls found and the time the last one came in.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTarget } from '../targets/index.js';
import { runCommand } from '../src/commands/run.js';
import { resolveRunOptions } from '../src/config/run-options.js';
import { CleanupStack } from '../src/engine/cleanup.js';
import { realDeps } from '../src/cli/wiring.js';

const targets = (process.env.COMPARE_TARGETS ?? 'nginx,redis,postgres').split(',');
const seeds = (process.env.COMPARE_SEEDS ?? '1,2').split(',').map(Number);
const budget = process.env.COMPARE_BUDGET ?? '45s';
const deps = realDeps();

process.stdout.write(`budget ${budget} per run, seeds ${seeds.join(',')}\n`);
process.stdout.write('target    seed  mode       syscalls  by-units  units  last-find\n');
for (const target of targets) {
  for (const seed of seeds) {
    // Unguided first on odd seeds, guided first on even ones: machine drift hits both alike.
    const modes = seed % 2 === 1 ? [false, true] : [true, false];
    for (const guidance of modes) {
      const out = await mkdtemp(join(tmpdir(), 'sandfuzz-compare-'));
      const cleanup = new CleanupStack();
      try {
        const options = resolveRunOptions({ target, seed, out, maxTime: budget, minUnits: 1_000_000, enforce: false, holdout: 0, guidance });
        const { report } = await runCommand(getTarget(target), options, {
          ...deps,
          cleanup,
          signal: new AbortController().signal,
          log: () => {},
        });
        const byUnits = report.syscalls.filter((s) => s.foundBy.phase === 'unit').length;
        process.stdout.write(
          `${target.padEnd(9)} ${String(seed).padStart(4)}  ${(guidance ? 'guided' : 'unguided').padEnd(10)} ${String(report.profile.allowed).padStart(8)}  ${String(byUnits).padStart(8)}  ${String(report.unitsRun).padStart(5)}  ${(report.timeToFinalSetMs / 1000).toFixed(1).padStart(8)}s\n`,
        );
      } finally {
        await cleanup.runAll();
        await rm(out, { recursive: true, force: true });
      }
    }
  }
}
