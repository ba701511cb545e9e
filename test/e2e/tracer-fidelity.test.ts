import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Endpoint } from '../../generators/types.js';
import { CleanupStack } from '../../src/engine/cleanup.js';
import { launchContainer } from '../../src/engine/container-session.js';
import { DockerodeRuntime } from '../../src/engine/docker/dockerode-runtime.js';
import { miningProfileJson } from '../../src/engine/mining-profile.js';
import { TRACER_NAMES, TRACERS, type TracerName } from '../../src/engine/tracer/tracers.js';
import { ContainerTrace } from '../../src/engine/tracer/container-trace.js';
import { syscallName } from '../../src/syscalls/index.js';
import { fixedNginxRequests, fixedRedisCommands } from '../helpers/fixed-workloads.js';
import { requireHost } from '../helpers/host.js';
import { pidsInMountNamespace, StraceSession } from '../helpers/strace.js';
import { TARGETS } from '../helpers/targets.js';

/**
 * Tracer fidelity: over one window of one container's life, the syscall names the tracer records
 * are exactly the names `strace -f` (ptrace, an independent mechanism) prints for it.
 *
 * Both watch the same container at the same time, so the comparison needs no determinism across
 * runs; the workloads are static anyway. The window: strace attaches once the server is ready
 * (it cannot see what came before) and is given a moment, because attaching interrupts blocked
 * calls; then epoch 1 starts in the tracer and at the same wall-clock time in strace's output
 * (-ttt); the workload runs; epoch 2 and the window's end follow a settle time. The container
 * is idle at both ends, so no call falls between the two clocks.
 *
 * One difference is expected and named: ptrace stops a call before seccomp decides, the
 * tracepoint fires after, so a call the mining profile refuses (clone3, ENOSYS) is in strace
 * only. The profile never allows it, so that is what the profile needs, not a loss.
 */

const signal = new AbortController().signal;
let runtime: DockerodeRuntime;
let dir: string;

/** Syscall names the mining profile refuses: strace sees them, the tracepoint cannot. */
const REFUSED_WHILE_MINING: ReadonlySet<string> = new Set(
  (JSON.parse(miningProfileJson()) as { syscalls: Array<{ names: string[]; action: string }> }).syscalls
    .filter((r) => r.action !== 'SCMP_ACT_ALLOW')
    .flatMap((r) => r.names),
);

interface Comparison {
  readonly tracer: string[];
  readonly strace: string[];
  readonly onlyTracer: string[];
  readonly onlyStrace: string[];
  /** strace names that are not the name sandfuzz's table gives the same number. */
  readonly renamed: string[];
  readonly refused: string[];
  readonly answers: string[];
}

async function compareWithStrace(
  tracerName: TracerName,
  name: 'nginx' | 'redis',
  workload: (e: Endpoint) => Promise<string[]>,
  settleMs: number,
): Promise<Comparison> {
  const target = TARGETS[name];
  const cleanup = new CleanupStack();
  const tracer = TRACERS[tracerName].create();
  const trace = new ContainerTrace();
  let died: string | undefined;
  tracer.onDeath((r) => (died = r));
  tracer.onLine((l) => trace.push(l));
  cleanup.defer('stop tracer', () => tracer.stop());
  try {
    await tracer.start();
    tracer.mark(0);
    const c = await launchContainer({
      runtime,
      cleanup,
      target,
      image: target.image,
      seccompProfile: miningProfileJson(),
      purpose: 'test-fidelity',
      signal,
    });
    trace.select(c.mntns);
    const strace = await StraceSession.attach(pidsInMountNamespace(c.mntns), join(dir, `${name}.strace`));
    cleanup.defer('detach strace', async () => void (await strace.detach()));
    await sleep(500);

    const fromUs = Date.now() * 1000;
    await tracer.sync(1);
    const answers = await workload(c.endpoint);
    await sleep(settleMs);
    const toUs = Date.now() * 1000;
    await tracer.sync(2);
    const calls = (await strace.detach()).filter((call) => call.tsUs >= fromUs && call.tsUs <= toUs);
    expect(died).toBeUndefined();

    const tracerNames = [...trace.epochSet(1)].map((key) => {
      const [abi, nr] = key.split(':');
      return abi === 'x86_64' ? (syscallName('x86_64', Number(nr)) ?? `#${nr}`) : key;
    });
    const straceByNr = new Map(calls.map((call) => [call.nr, call.name]));
    const renamed = [...straceByNr]
      .filter(([nr, n]) => syscallName('x86_64', nr) !== n)
      .map(([nr, n]) => `${nr}: strace ${n}, table ${syscallName('x86_64', nr)}`);
    const straceNames = [...straceByNr.values()];
    const refused = straceNames.filter((n) => REFUSED_WHILE_MINING.has(n));
    const t = new Set(tracerNames);
    const s = new Set(straceNames.filter((n) => !REFUSED_WHILE_MINING.has(n)));
    const result: Comparison = {
      tracer: [...t].sort(),
      strace: [...s].sort(),
      refused: refused.sort(),
      renamed,
      answers,
      onlyTracer: [...t].filter((n) => !s.has(n)).sort(),
      onlyStrace: [...s].filter((n) => !t.has(n)).sort(),
    };
    // The sets, printed whether or not they match: the evidence, not only the verdict.
    console.log(
      `${tracerName}, ${name}: tracer ${result.tracer.length}, strace ${result.strace.length} (${calls.length} strace entries in the window)\n` +
        `  tracer: ${result.tracer.join(' ')}\n  strace: ${result.strace.join(' ')}\n` +
        `  only tracer: [${result.onlyTracer.join(' ')}]  only strace: [${result.onlyStrace.join(' ')}]  refused by the mining profile: [${result.refused.join(' ')}]`,
    );
    return result;
  } finally {
    await cleanup.runAll();
  }
}

beforeAll(async () => {
  runtime = new DockerodeRuntime(await requireHost());
  dir = await mkdtemp(join(tmpdir(), 'sandfuzz-fidelity-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.each(TRACER_NAMES)('the %s tracer records the syscall set strace -f records', (tracerName) => {
  it('nginx, a fixed list of HTTP requests', async () => {
    const r = await compareWithStrace(tracerName, 'nginx', fixedNginxRequests, 500);
    expect(r.answers).toEqual(['200', '200', '206', '200', '404', '405', '304', '200', '400']);
    expect({ onlyTracer: r.onlyTracer, onlyStrace: r.onlyStrace, renamed: r.renamed }).toEqual({ onlyTracer: [], onlyStrace: [], renamed: [] });
    // Not an empty window: the requests' calls are in it.
    expect(r.tracer).toEqual(expect.arrayContaining(['accept4', 'sendfile', 'openat', 'epoll_wait', 'close']));
  }, 120_000);

  it('redis, fixed commands and a background save (a forked child)', async () => {
    const r = await compareWithStrace(tracerName, 'redis', fixedRedisCommands, 500);
    expect(r.answers.at(-1)).toBe('ok');
    expect({ onlyTracer: r.onlyTracer, onlyStrace: r.onlyStrace, renamed: r.renamed }).toEqual({ onlyTracer: [], onlyStrace: [], renamed: [] });
    // The child's calls count as the container's: the fork, the RDB file, the parent's reaping.
    expect(r.tracer).toEqual(expect.arrayContaining(['clone', 'rename', 'fsync', 'wait4', 'exit_group']));
  }, 120_000);
});
