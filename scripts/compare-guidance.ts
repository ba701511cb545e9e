// Guided vs unguided mining, side by side (src/bench/guidance-compare.ts): same seeds, same budget,
// stop rule out of the way, modes alternating in order by seed; prints per target and mode the
// median time to the final set and final set size with bootstrap 95% intervals.
//   node dist/scripts/compare-guidance.js   4 targets x 5 seeds x 2 modes, 30 s each: 10 invocations
//     (one per seed and mode, the 4 targets one after the other) of about 3 min: 30 min on a quiet
//     machine; waits for the lock come on top (2026-12-02, 3 other people measuring: 6 min a wait)
//   COMPARE_STOP=1 node dist/scripts/compare-guidance.js   the other question: the stop rule on, as a
//     user runs it (src/bench/guidance-compare-stop.ts): per target and mode, runs the rule ended out
//     of all, median time to stop, median final set, held-out units the profile would block (the
//     proof stays on: held-out units are replayed in it). Each target's own budget (nginx 75 s,
//     redis and postgres 110 s, py-api 60 s) unless COMPARE_BUDGET is set. 4 targets x 5 seeds x 2
//     modes: 10 invocations of about 3.8 min, 38 min in all (2026-12-08, every run saturated);
//     up to 75 min if most runs end on their budget
//   COMPARE_TARGETS=redis,nginx   targets (built-in names or target files; default: the 3 built-ins + the py-api OpenAPI fixture)
//   COMPARE_SEEDS=3 | 1,2,3       number of seeds (1..n) or the seeds themselves (default 5)
//   COMPARE_BUDGET=20s            mining budget of every run (default 30s, with COMPARE_STOP each target's own; the 2026-12-02 table used 25s)
//   COMPARE_SINGLE=1              one process per run instead of one per seed and mode
//   COMPARE_CLI=path/main.js      the build to measure (default: this package's dist)
//   SANDFUZZ_MEASURE_LOCK=/tmp/sandfuzz-measure.lock   hold this flock(1) lock for each run
//   COMPARE_JSON=file.json        also write the whole result (every run) there as JSON
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compareGuidance, type GuidanceRun, type MedianInterval, type ModeSummary } from '../src/bench/guidance-compare.js';
import { cliMiningBatch, cliMiningRun } from '../src/bench/guidance-cli.js';
import { cliStopBatch, cliStopRun, compareGuidanceStop, type StopModeSummary, type StopRun } from '../src/bench/guidance-compare-stop.js';
import { getTarget } from '../targets/index.js';
import { parseDuration } from '../src/config/duration.js';
import { packageRoot } from '../src/shared/package-root.js';

const root = packageRoot();
const targets = (process.env.COMPARE_TARGETS ?? `nginx,redis,postgres,${join(root, 'test/fixtures/targets/py-api.yaml')}`).split(',');
const seedText = process.env.COMPARE_SEEDS ?? '5';
const seeds = seedText.includes(',') ? seedText.split(',').map(Number) : Array.from({ length: Number(seedText) }, (_, i) => i + 1);
const cli = process.env.COMPARE_CLI ?? join(root, 'dist/src/cli/main.js');
const lockFile = process.env.SANDFUZZ_MEASURE_LOCK;
const runner = { cli, ...(lockFile ? { lockFile } : {}) };
// Per seed and mode one invocation over all targets (one tracer start, one wait for the lock),
// unless COMPARE_SINGLE asks for one process per run.
const batched = !process.env.COMPARE_SINGLE;
const folder = (t: string): string => getTarget(t).name;

const seconds = (i: MedianInterval): string => `${(i.median / 1000).toFixed(1)} [${(i.low / 1000).toFixed(1)}, ${(i.high / 1000).toFixed(1)}]`;
const count = (i: MedianInterval): string => `${i.median} [${i.low}, ${i.high}]`;
const writeJson = async (result: unknown): Promise<void> => {
  if (process.env.COMPARE_JSON) await writeFile(process.env.COMPARE_JSON, `${JSON.stringify(result, null, 2)}\n`);
};
const verdictLine = (wins: number, of: number, pays: boolean): string =>
  `guided better on ${wins} of ${of} targets: ${pays ? 'guidance pays' : 'guidance does not pay'}\n`;

async function stopRuleOff(): Promise<void> {
  const budgetMs = parseDuration('COMPARE_BUDGET', process.env.COMPARE_BUDGET ?? '30s');
  const progress = (r: GuidanceRun): void =>
    void process.stderr.write(
      `compare: ${r.name} seed ${r.seed} ${r.mode}: ${r.finalSet} syscalls (${r.byUnits} by units), last at ${(r.timeToFinalSetMs / 1000).toFixed(1)}s, ${r.unitsRun} units\n`,
    );
  const result = await compareGuidance(
    { targets, seeds, budgetMs },
    { run: cliMiningRun(runner), ...(batched ? { runBatch: cliMiningBatch({ ...runner, folder }) } : {}), onRun: progress },
  );
  await writeJson(result);
  const row = (name: string, mode: string, s: ModeSummary, verdict: string): string =>
    `${name.padEnd(10)} ${mode.padEnd(9)} ${seconds(s.timeToFinalSetMs).padEnd(22)} ${count(s.finalSet).padEnd(16)} ${verdict}\n`;
  process.stdout.write(`budget ${budgetMs / 1000}s per run, seeds ${seeds.join(',')}, stop rule off (--min-units 1000000)\n`);
  process.stdout.write(`${'target'.padEnd(10)} ${'mode'.padEnd(9)} ${'final set at s (95%)'.padEnd(22)} ${'final set (95%)'.padEnd(16)} verdict\n`);
  for (const t of result.targets) {
    process.stdout.write(row(t.name, 'guided', t.guided, t.verdict));
    process.stdout.write(row('', 'unguided', t.unguided, ''));
  }
  process.stdout.write(verdictLine(result.guidedWins, result.targets.length, result.guidedPays));
}

async function stopRuleOn(): Promise<void> {
  const budgetMs = process.env.COMPARE_BUDGET === undefined ? undefined : parseDuration('COMPARE_BUDGET', process.env.COMPARE_BUDGET);
  const heldOut = (r: StopRun): string => (r.heldOut ? `held-out ${r.heldOut.blocked}/${r.heldOut.replayed} blocked` : 'no held-out results');
  const progress = (r: StopRun): void =>
    void process.stderr.write(
      `compare: ${r.name} seed ${r.seed} ${r.mode}: ${r.stopReason} after ${(r.miningMs / 1000).toFixed(1)}s of mining, ${r.finalSet} syscalls, ${r.unitsRun} units, ${heldOut(r)}, proof ${r.proof}\n`,
    );
  const result = await compareGuidanceStop(
    { targets, seeds, ...(budgetMs === undefined ? {} : { budgetMs }) },
    { run: cliStopRun(runner), ...(batched ? { runBatch: cliStopBatch({ ...runner, folder }) } : {}), onRun: progress },
  );
  await writeJson(result);
  // Held-out: units the mined profile would block, of those replayed (runs without results noted).
  const held = (s: StopModeSummary): string =>
    `${s.heldOut.blocked}/${s.heldOut.replayed}${s.heldOut.missing > 0 ? ` (${s.heldOut.missing} none)` : ''}`;
  const row = (name: string, mode: string, s: StopModeSummary, verdict: string): string =>
    `${name.padEnd(10)} ${mode.padEnd(9)} ${`${s.saturated}/${s.runs}`.padEnd(9)} ${seconds(s.miningMs).padEnd(22)} ${count(s.finalSet).padEnd(16)} ${held(s).padEnd(16)} ${String(s.proofFailures).padEnd(12)} ${verdict}\n`;
  const budget = budgetMs === undefined ? "each target's own budget" : `budget ${budgetMs / 1000}s per run`;
  process.stdout.write(`${budget}, seeds ${seeds.join(',')}, stop rule on (defaults), proof and held-out units on\n`);
  process.stdout.write(
    `${'target'.padEnd(10)} ${'mode'.padEnd(9)} ${'saturated'.padEnd(9)} ${'stopped at s (95%)'.padEnd(22)} ${'final set (95%)'.padEnd(16)} ${'held-out blocked'.padEnd(16)} ${'proof failed'.padEnd(12)} verdict\n`,
  );
  for (const t of result.targets) {
    process.stdout.write(row(t.name, 'guided', t.guided, t.verdict));
    process.stdout.write(row('', 'unguided', t.unguided, ''));
  }
  process.stdout.write(verdictLine(result.guidedWins, result.targets.length, result.guidedPays));
}

await (process.env.COMPARE_STOP ? stopRuleOn() : stopRuleOff());
