// `npm run bench`: the project's benchmarks, reported as ratios measured side by side in one run.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureImage } from '../targets/build.js';
import { getTarget } from '../targets/index.js';
import { measureTracerCost } from '../src/bench/tracer-cost.js';
import { DockerodeRuntime } from '../src/engine/docker/dockerode-runtime.js';
import { BpftraceTracer } from '../src/engine/tracer/bpftrace.js';

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const runtime = new DockerodeRuntime();
const nginx = getTarget('nginx');
await ensureImage(runtime.docker, nginx);
const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);

const cost = await measureTracerCost(
  nginx,
  { runtime, createTracer: () => new BpftraceTracer(), signal: new AbortController().signal, log },
  { rounds, warmupSec: 2, measureSec: 8, connections: 10 },
);
const out = { when: new Date().toISOString(), tracerCost: { target: 'nginx', rounds, ...cost } };
await mkdir('reports', { recursive: true });
const path = join('reports', `bench-${Date.now()}.json`);
await writeFile(path, `${JSON.stringify(out, null, 2)}\n`);
process.stdout.write(
  `nginx throughput, median of ${rounds} interleaved runs: untraced ${cost.medianUntraced.toFixed(0)} req/s, ` +
    `traced ${cost.medianTraced.toFixed(0)} req/s, ratio ${cost.ratio.toFixed(3)} (${((1 - cost.ratio) * 100).toFixed(1)}% tracer cost)\n` +
    `details: ${path}\n`,
);
