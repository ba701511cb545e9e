import { describe, expect, it } from 'vitest';
import type { WorkloadGenerator } from '../../../generators/types.js';
import type { LifecycleAction, TargetSpec } from '../../../targets/types.js';
import type { Clock } from '../../../src/engine/clock.js';
import type { LiveContainer } from '../../../src/engine/container-session.js';
import type { CrashRecord } from '../../../src/engine/crash.js';
import type { ContainerRuntime, ExitState, StartedContainer } from '../../../src/engine/docker/runtime.js';
import { Explorer } from '../../../src/engine/explorer.js';
import { ContainerTrace } from '../../../src/engine/tracer/container-trace.js';
import { parseTracerLine } from '../../../src/engine/tracer/parse-line.js';
import type { Tracer } from '../../../src/engine/tracer/tracer.js';
import { keptRecords } from '../../../src/report/run-report.js';
import { DockerError, TargetCrashedError } from '../../../src/shared/errors.js';

/**
 * A container engine with one container that units can kill, as `docker kill` from outside
 * would: the crash bookkeeping is tested without Docker. Readiness is an exec probe whose exit
 * code the test sets.
 */
class KillableRuntime {
  state_: ExitState = { running: true, exitCode: 0, oomKilled: false };
  readyExit = 0;
  starts = 0;
  mntns = 100n;
  readonly events: string[] = [];

  kill(exitCode = 137): void {
    this.state_ = { running: false, exitCode, oomKilled: false };
  }
  started(): StartedContainer {
    return { id: 'c1', pid: 1000 + this.starts, mntns: this.mntns, endpoint: { host: '127.0.0.1', port: 1 } };
  }
  async state(): Promise<ExitState> {
    return this.state_;
  }
  async start(): Promise<StartedContainer> {
    this.starts++;
    this.mntns++;
    this.events.push('start');
    this.state_ = { running: true, exitCode: 0, oomKilled: false };
    return this.started();
  }
  async restart(): Promise<StartedContainer> {
    return this.start();
  }
  async exec(): Promise<{ exitCode: number; output: string }> {
    if (!this.state_.running) throw new Error('container is not running');
    return { exitCode: this.readyExit, output: '' };
  }
  async signal(): Promise<void> {
    if (!this.state_.running) throw new Error('send SIGHUP to container c1: container is not running');
  }
  async logs(): Promise<string> {
    return 'worker started\nsegfault in parser\n';
  }
}

const tracer: Tracer = { start: async () => {}, onLine: () => {}, onDeath: () => {}, mark: () => {}, sync: async () => {}, stop: async () => {} };

/** Jumps ahead on every sleep: readiness deadlines are reached at once. */
function jumpingClock(): Clock {
  let ns = 0n;
  return { nowNs: () => ns, sleep: async (ms) => void (ns += BigInt(Math.round(ms * 1e6))) };
}

function target(lifecycle: LifecycleAction[] = []): TargetSpec {
  return {
    name: 'fake',
    image: 'fake:latest',
    protocol: 'tcp',
    port: 1,
    generator: 'fake',
    miningBudgetSec: 1,
    lifecycle,
    workloads: [],
    ready: { probe: { kind: 'exec', cmd: ['ready'] }, timeoutMs: 1_000 },
    run: { environment: {}, tmpfs: {}, readOnly: false, stopTimeoutSec: 1 },
    source: { kind: 'builtin', sha256: '' },
  } as unknown as TargetSpec;
}

/** Units are numbers; those in `killers` kill the server while they run. */
function generator(runtime: KillableRuntime, killers: ReadonlySet<number>, hangs: ReadonlySet<number> = new Set()): WorkloadGenerator<number> {
  return {
    name: 'fake',
    *units() {
      for (let i = 1; ; i++) yield i;
    },
    async execute(unit) {
      if (killers.has(unit)) runtime.kill(139);
      if (hangs.has(unit)) runtime.readyExit = 1;
      return { answers: [runtime.state_.running ? 'ok' : 'closed'] };
    },
    family: () => 'fake:unit',
    describe: (unit) => `unit #${unit}`,
  };
}

function explorer(runtime: KillableRuntime, gen: WorkloadGenerator<number>, opts: { lifecycle?: LifecycleAction[]; unitTimeoutMs?: number } = {}) {
  const trace = new ContainerTrace();
  trace.select(runtime.mntns);
  const live: LiveContainer = {
    current: runtime.started(),
    beforeRestart: () => trace.holdUntilSelect(),
    afterRestart: (c) => trace.select(c.mntns),
  };
  const saved: CrashRecord[] = [];
  const e = new Explorer(
    {
      target: target(opts.lifecycle),
      generator: gen as WorkloadGenerator,
      guidance: 'unguided',
      seed: 1,
      holdoutShare: 0,
      unitTimeoutMs: opts.unitTimeoutMs ?? 10_000,
      runtime: runtime as unknown as ContainerRuntime,
      tracer,
      trace,
      live,
      signal: new AbortController().signal,
      clockMs: () => 0,
      clock: jumpingClock(),
      onCrash: async (crash) => {
        runtime.events.push(`saved ${crash.n}`);
        saved.push(crash);
        return `/out/crashes/${crash.n}.json`;
      },
    },
    1,
  );
  return { e, trace, live, saved };
}

async function steps(e: Explorer, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await e.step();
}

describe('a server that dies while mining', () => {
  it('records the crash with the unit that was running, saves it before the restart, and mines on', async () => {
    const runtime = new KillableRuntime();
    const { e, saved, live } = explorer(runtime, generator(runtime, new Set([2])));
    await steps(e, 4);
    expect(e.records.map((r) => r.crashed)).toEqual([undefined, 1, undefined, undefined]);
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      n: 1,
      reason: 'exited on SIGSEGV (exit code 139)',
      exit: { exitCode: 139, signal: 'SIGSEGV' },
      logTail: ['worker started', 'segfault in parser'],
    });
    expect(saved[0]!.step.index).toBe(2);
    expect(runtime.events).toEqual(['saved 1', 'start']);
    expect(live.current.mntns).toBe(101n);
    expect(e.records[2]!.kind === 'workload' && e.records[2]!.answers).toEqual(['ok']);
  });

  it('still counts what the dead container did, and follows the new one into its namespace', async () => {
    const runtime = new KillableRuntime();
    const { e, trace } = explorer(runtime, generator(runtime, new Set([1])));
    await e.step();
    trace.push(parseTracerLine('S 100 0 0 15 1 10 1')); // the dead life's rt_sigreturn
    trace.push(parseTracerLine('S 101 0 0 60 3 20 1')); // the new life's exit
    expect(trace.firstUses().map((u) => u.nr)).toEqual([15, 60]);
  });

  it('never replays a crashed unit: not to confirm a find, not in the proof', async () => {
    const runtime = new KillableRuntime();
    const { e } = explorer(runtime, generator(runtime, new Set([1])));
    await e.step();
    e.noteFind(1);
    expect(e.unconfirmed).toBe(0);
    const kept = keptRecords({ records: e.records, firstUses: [{ abi: 'x86_64', nr: 15, epoch: 1, tsNs: 1n, ms: 0 }] } as never);
    expect(kept).toEqual([]);
  });

  it(`stops with TargetCrashedError (exit 81) after 3 crashes in a row, every crash named`, async () => {
    const runtime = new KillableRuntime();
    const { e, saved } = explorer(runtime, generator(runtime, new Set([2, 3, 4])));
    const err = await steps(e, 4).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(TargetCrashedError);
    const crashed = err as TargetCrashedError;
    expect(crashed.exitCode).toBe(81);
    expect(crashed.message).toMatch(
      /^fake crashed 3 times in a row \(last: unit 4 \(unit #4\): exited on SIGSEGV \(exit code 139\)\): stopped mining.*reproducers saved in \/out\/crashes\/$/,
    );
    expect(crashed.crashes.map((c) => [c.n, c.step, c.file])).toEqual([
      [1, 'unit 2 (unit #2)', '/out/crashes/1.json'],
      [2, 'unit 3 (unit #3)', '/out/crashes/2.json'],
      [3, 'unit 4 (unit #4)', '/out/crashes/3.json'],
    ]);
    expect(saved).toHaveLength(3);
    expect(runtime.starts).toBe(2); // no restart after the last one
  });

  it('a healthy unit between crashes resets the count', async () => {
    const runtime = new KillableRuntime();
    const { e } = explorer(runtime, generator(runtime, new Set([1, 2, 4, 5, 7, 8])));
    await steps(e, 8);
    expect(e.crashes.crashes).toHaveLength(6);
  });

  it('stops with TargetCrashedError when the restarted container does not become healthy', async () => {
    const runtime = new KillableRuntime();
    const { e } = explorer(runtime, generator(runtime, new Set([1])));
    runtime.readyExit = 1;
    const err = await e.step().catch((x: unknown) => x);
    expect(err).toBeInstanceOf(TargetCrashedError);
    expect((err as Error).message).toMatch(
      /^fake crashed \(unit 1 \(unit #1\): exited on SIGSEGV \(exit code 139\)\) and did not come back healthy after a restart: server did not become ready within 1000 ms/,
    );
  });

  it('blames the engine, not the step, when the engine fails the restart (an engine restart stops every container)', async () => {
    const runtime = new KillableRuntime();
    const { e } = explorer(runtime, generator(runtime, new Set([1])));
    runtime.start = async () => {
      throw new DockerError('start container c1: failed to update store for object type *libnetwork.endpoint');
    };
    const err = await e.step().catch((x: unknown) => x);
    expect(err).toBeInstanceOf(DockerError);
    expect((err as DockerError).exitCode).toBe(70);
    expect((err as Error).message).toMatch(
      /^the Docker engine failed while restarting fake after it stopped \(unit 1 .*if the engine was restarted, it stopped the container, not the step/,
    );
  });

  it('a unit that runs into its timeout and leaves the server not answering is a crash (hang): it is killed and started', async () => {
    const runtime = new KillableRuntime();
    const { e } = explorer(runtime, generator(runtime, new Set(), new Set([1])), { unitTimeoutMs: 0 });
    // The hang ends once the container is restarted.
    const start = runtime.start.bind(runtime);
    runtime.start = async () => {
      runtime.readyExit = 0;
      return start();
    };
    await e.step();
    expect(e.crashes.crashes[0]).toMatchObject({
      reason: expect.stringMatching(/^still running but not answering: server did not become ready within 5000 ms/),
      exit: { running: true },
    });
    expect(runtime.starts).toBe(1);
  });

  it('a kill from outside between units is recorded with the next step, which finds it dead', async () => {
    const runtime = new KillableRuntime();
    const { e } = explorer(runtime, generator(runtime, new Set()));
    await e.step();
    runtime.kill(137);
    await e.step();
    expect(e.crashes.crashes.map((c) => [c.step.index, c.reason])).toEqual([[2, 'exited on SIGKILL (exit code 137)']]);
  });

  it('a lifecycle action sent to a dead server is a crash; a second crash of the same action drops it', async () => {
    const runtime = new KillableRuntime();
    const reload: LifecycleAction = { kind: 'signal', name: 'reload', signal: 'SIGHUP', settleMs: 0 };
    const { e } = explorer(runtime, generator(runtime, new Set()), { lifecycle: [reload] });
    await steps(e, 4);
    runtime.kill(137);
    await e.step(); // sample 5: the reload, to a dead container
    const record = e.records.at(-1)!;
    expect(record).toMatchObject({ kind: 'lifecycle', crashed: 1, healthyAfter: false });
    expect(e.crashes.crashes[0]!.reason).toBe('exited on SIGKILL (exit code 137)');
    expect(e.crashes.countFor('lifecycle:reload')).toBe(1);
    expect(runtime.starts).toBe(1);
  });
});
