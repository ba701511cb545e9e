// The libbpf tracer's sys_enter program timed by the kernel itself (kernel.bpf_stats_enabled:
// run time and run count per program), under nginx load: ns per call, free of the drift that
// makes throughput ratios on a small VM swing by more than the program costs. Each round starts
// a fresh nginx as `sandfuzz bench` does (mining profile, pinned, capped), attaches one build of
// the tracer, loads it for a few seconds with autocannon and reads the program's counters.
//   node dist/scripts/tracer-program-cost.js [BINARY ...]   default: the built tracer (dist/tracer)
//   COST_ROUNDS=3   rounds (each binary once a round, in turn)      COST_SECONDS=5   load per binary
// Prints per binary the median ns per call and calls per request. Needs root; restores the
// sysctl. Run it alone (flock /tmp/sandfuzz-measure.lock ...): the load shares the machine.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { getTarget } from '../targets/index.js';
import { httpLoad } from '../src/bench/load/http.js';
import { launchBenchServer } from '../src/bench/profile-bench.js';
import { median } from '../src/bench/stats.js';
import { realDeps } from '../src/cli/wiring.js';
import { setUpTarget } from '../src/commands/target-setup.js';
import { CleanupStack } from '../src/engine/cleanup.js';
import { miningProfileJson } from '../src/engine/mining-profile.js';
import { DEFAULT_LIBBPF_OPTIONS, LibbpfTracer } from '../src/engine/tracer/libbpf.js';

const STATS = '/proc/sys/kernel/bpf_stats_enabled';
const binaries = process.argv.length > 2 ? process.argv.slice(2) : [DEFAULT_LIBBPF_OPTIONS.binary];
const rounds = Number(process.env.COST_ROUNDS ?? 3);
const seconds = Number(process.env.COST_SECONDS ?? 5);

interface ProgInfo {
  readonly id: number;
  readonly name?: string;
  readonly run_time_ns?: number;
  readonly run_cnt?: number;
}

/** The newest loaded program named sys_enter: the tracer just attached (the script runs alone). */
function sysEnter(): ProgInfo {
  const progs = (JSON.parse(execFileSync('bpftool', ['prog', 'show', '-j']).toString()) as ProgInfo[]).filter((p) => p.name === 'sys_enter');
  const prog = progs.sort((a, b) => b.id - a.id)[0];
  if (!prog) throw new Error('no sys_enter program is loaded');
  return prog;
}

const { runtime, images } = realDeps();
const signal = new AbortController().signal;
const { spec } = await setUpTarget(getTarget('nginx'), { images, log: (l) => process.stderr.write(`${l}\n`) });
const before = readFileSync(STATS, 'utf8').trim();
const results = new Map(binaries.map((b) => [b, { ns: [] as number[], perRequest: [] as number[] }]));
writeFileSync(STATS, '1');
try {
  for (let round = 0; round < rounds; round++) {
    for (const binary of binaries) {
      const cleanup = new CleanupStack();
      try {
        const endpoint = await launchBenchServer(spec, miningProfileJson(), { runtime, cleanup, signal });
        const tracer = new LibbpfTracer({ ...DEFAULT_LIBBPF_OPTIONS, binary });
        cleanup.defer('stop tracer', () => tracer.stop());
        await tracer.start();
        await httpLoad(endpoint, { seconds: 1, connections: 16 });
        const a = sysEnter();
        const load = await httpLoad(endpoint, { seconds, connections: 16 });
        const b = sysEnter();
        const calls = (b.run_cnt ?? 0) - (a.run_cnt ?? 0);
        const ns = ((b.run_time_ns ?? 0) - (a.run_time_ns ?? 0)) / calls;
        results.get(binary)!.ns.push(ns);
        results.get(binary)!.perRequest.push(calls / (load.throughput * seconds));
        process.stderr.write(`round ${round + 1} ${binary}: ${ns.toFixed(1)} ns per call, ${calls} calls, ${load.throughput.toFixed(0)} req/s\n`);
      } finally {
        await cleanup.runAll();
      }
    }
  }
} finally {
  writeFileSync(STATS, before);
}
for (const [binary, r] of results) {
  console.log(
    `${binary}: ${median(r.ns).toFixed(1)} ns per sys_enter call (median of ${r.ns.length}), ${median(r.perRequest).toFixed(1)} calls per request`,
  );
}
