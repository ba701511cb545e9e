import { describe, expect, it } from 'vitest';
import type { GuidedGenerator } from '../../../generators/types.js';
import type { TargetSpec } from '../../../targets/types.js';
import type { Clock } from '../../../src/engine/clock.js';
import type { LiveContainer } from '../../../src/engine/container-session.js';
import type { ContainerRuntime, StartedContainer } from '../../../src/engine/docker/runtime.js';
import { Explorer, type Guidance } from '../../../src/engine/explorer.js';
import type { WorkloadRecord } from '../../../src/engine/session.js';
import { ContainerTrace } from '../../../src/engine/tracer/container-trace.js';
import type { TracerLine } from '../../../src/engine/tracer/parse-line.js';
import type { Tracer } from '../../../src/engine/tracer/tracer.js';

const MNTNS = 100n;

/**
 * What a unit makes the fake server do: `read` always (seen at start-up already), plus, for some
 * units, a path (an argument tuple, or an error return as the libbpf tracer reports it) or a new
 * syscall. `background`: the path happens while the unit runs but is not the unit's doing (a
 * replay does not reach it again).
 */
interface Unit {
  readonly n: number;
}
type Effect = { path?: 'argument' | 'error'; nr?: number; background?: boolean };

/** The fake kernel: lines stamped with the tracer's current epoch, delivered at once or at the next mark. */
class Kernel {
  epoch = 0;
  private late: TracerLine[] = [];
  private readonly runs = new Map<number, number>();
  constructor(
    readonly trace: ContainerTrace,
    private readonly effect: (n: number) => Effect,
    private readonly lateLines: boolean,
  ) {}

  readonly tracer: Tracer = {
    start: async () => {},
    onLine: () => {},
    onDeath: () => {},
    mark: (epoch) => this.mark(epoch),
    sync: async (epoch) => this.mark(epoch),
    stop: async () => {},
  };

  private mark(epoch: number): void {
    for (const line of this.late) this.trace.push(line);
    this.late = [];
    this.epoch = epoch;
  }

  run(n: number): void {
    const runs = (this.runs.get(n) ?? 0) + 1;
    this.runs.set(n, runs);
    const e = this.effect(n);
    const lines: TracerLine[] = [{ kind: 'syscall', mntns: MNTNS, born: 0n, abi: 'x86_64', nr: 0, epoch: this.epoch, tsNs: 1n, pid: 1 }];
    if (e.nr !== undefined)
      lines.push({ kind: 'syscall', mntns: MNTNS, born: 0n, abi: 'x86_64', nr: e.nr, epoch: this.epoch, tsNs: BigInt(this.epoch), pid: 1 });
    if (e.path && !(e.background && runs > 1)) {
      lines.push(
        e.path === 'argument'
          ? { kind: 'argument', mntns: MNTNS, born: 0n, syscall: 'socket', values: [BigInt(n), 1n, 0n], epoch: this.epoch }
          : { kind: 'error', mntns: MNTNS, born: 0n, abi: 'x86_64', nr: 42, errno: n, epoch: this.epoch },
      );
    }
    if (this.lateLines) this.late.push(...lines);
    else for (const l of lines) this.trace.push(l);
  }
}

function generator(kernel: () => Kernel): GuidedGenerator<Unit> {
  return {
    name: 'fake',
    families: ['fake:x', 'fake:y'],
    *units(seed) {
      for (let i = seed; ; i++) yield { n: i % 40 };
    },
    generate: (_family, seed) => ({ n: seed % 40 }),
    mutate: (parent, seed) => ({ n: (parent.n + (seed % 3)) % 40 }),
    execute: async (unit) => {
      kernel().run(unit.n);
      return { answers: ['ok'] };
    },
    family: (unit) => (unit.n % 2 === 0 ? 'fake:x' : 'fake:y'),
    describe: (unit) => `unit ${unit.n}`,
  };
}

const runtime = {
  state: async () => ({ running: true, exitCode: 0, oomKilled: false }),
  exec: async () => ({ exitCode: 0, output: '' }),
} as unknown as ContainerRuntime;
const clock: Clock = { nowNs: () => 0n, sleep: async () => {} };
const target = { name: 'fake', lifecycle: [], ready: { probe: { kind: 'exec', cmd: ['ready'] }, timeoutMs: 1_000 } } as unknown as TargetSpec;

function explorer(effect: (n: number) => Effect, opts: { guidance?: Guidance; late?: boolean } = {}) {
  let kernel: Kernel | undefined;
  let e: Explorer | undefined;
  const trace = new ContainerTrace((use) => e?.noteFind(use.epoch));
  trace.select(MNTNS);
  kernel = new Kernel(trace, effect, opts.late ?? false);
  kernel.run(-1); // start-up: read
  const started: StartedContainer = { id: 'c1', pid: 1, mntns: MNTNS, endpoint: { host: '127.0.0.1', port: 1 } };
  const live: LiveContainer = { current: started, beforeRestart: () => {}, afterRestart: () => {} };
  e = new Explorer(
    {
      target,
      generator: generator(() => kernel!) as GuidedGenerator,
      guidance: opts.guidance ?? 'guided',
      seed: 7,
      holdoutShare: 0,
      unitTimeoutMs: 1_000,
      runtime,
      tracer: kernel.tracer,
      trace,
      live,
      signal: new AbortController().signal,
      clockMs: () => 0,
      clock,
    },
    1,
  );
  return e;
}

async function steps(e: Explorer, n: number): Promise<WorkloadRecord[]> {
  for (let i = 0; i < n; i++) await e.step();
  return e.records.filter((r): r is WorkloadRecord => r.kind === 'workload');
}

const unitOf = (r: WorkloadRecord): number => (r.unit as Unit).n;

describe('explorer feedback from code paths', () => {
  for (const path of ['argument', 'error'] as const) {
    it(`keeps the units that reached a new ${path} path, once per path, and mutates them`, async () => {
      // Units 5 and 13 reach a path of their own; the rest repeat what start-up did.
      const e = explorer((n) => (n === 5 || n === 13 ? { path } : {}), { late: path === 'error' });
      const records = (await steps(e, 200)).filter((r) => r.role === 'sample');
      const reached = records.filter((r) => unitOf(r) === 5 || unitOf(r) === 13);
      expect(reached.length).toBeGreaterThan(0);
      // The first unit of each path is kept (lines that came in late included); later ones reached nothing new.
      const firstOf = (n: number) => records.find((r) => unitOf(r) === n);
      for (const n of [5, 13]) if (firstOf(n)) expect(e.corpusIdOf(firstOf(n)!.index)).toBeDefined();
      const keptByPath = records.filter((r) => e.corpusIdOf(r.index) !== undefined && [5, 13].includes(unitOf(r)));
      expect(keptByPath.length).toBe([5, 13].filter((n) => firstOf(n)).length);
      expect(records.some((r) => r.origin === 'mutate')).toBe(true);
    });
  }

  for (const background of [true, false]) {
    it(`${background ? 'takes back a path its replay did not reach (background work)' : 'keeps a path its replay reached again'}, with the syscall find`, async () => {
      // Unit 9 finds syscall 77 and is replayed to confirm it; its errno path is its own or background work.
      const e = explorer((n) => (n === 9 ? { nr: 77, path: 'error', background } : {}));
      const records = await steps(e, 200);
      const original = records.find((r) => unitOf(r) === 9 && r.role === 'sample')!;
      expect(records.some((r) => r.role === 'confirm' && r.replayOf === original.index)).toBe(true);
      expect(e.credits.get('x86_64:77')).toEqual({ epoch: original.epoch, confirmed: true });
      const id = e.corpusIdOf(original.index);
      expect(id).toBeDefined();
      const guide = (e as unknown as { guide: { kept: ReadonlyArray<{ finds: number; paths: number }> } }).guide;
      expect(guide.kept[id!]).toMatchObject({ finds: 1, paths: background ? 0 : 1 });
    });
  }

  it('with the bpftrace tracer (argument lines, no error lines) the same run still gets feedback', async () => {
    const e = explorer((n) => (n % 10 === 3 ? { path: 'argument' } : {}));
    await steps(e, 100);
    const guide = (e as unknown as { guide: { paths: number } }).guide;
    expect(guide.paths).toBeGreaterThanOrEqual(2);
  });

  it('unguided runs the plain stream: nothing kept; a syscall find is still replayed, for the stop rule', async () => {
    const e = explorer((n) => (n === 5 ? { nr: 77, path: 'error' } : {}), { guidance: 'unguided' });
    const records = await steps(e, 60);
    expect(records.every((r) => r.origin === 'stream')).toBe(true);
    expect(records.some((r) => e.corpusIdOf(r.index) !== undefined)).toBe(false);
    const replays = records.filter((r) => r.role === 'confirm');
    expect(replays).toHaveLength(1);
    expect(records.find((r) => r.index === replays[0]!.replayOf)?.family).toBe(
      records.find((r) => r.role === 'sample' && r.index === replays[0]!.replayOf)?.family,
    );
  });
});
