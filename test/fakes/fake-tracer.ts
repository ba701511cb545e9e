import type { TracerLine } from '../../src/engine/tracer/parse-line.js';
import type { Tracer } from '../../src/engine/tracer/tracer.js';
import type { Clock } from '../../src/engine/clock.js';
import { Script } from './script.js';

/**
 * Every tracer a test's code creates (createTracer), as one fake kernel: `emit` delivers a
 * syscall line to each tracer that is started and not stopped, stamped with that tracer's
 * current epoch; `die` kills them all. Scriptable calls: start, sync, stop.
 */
export class FakeTracers {
  readonly script = new Script();
  readonly created: FakeTracer[] = [];

  constructor(readonly clock: Clock) {}

  /** For deps.createTracer. */
  readonly create = (): Tracer => {
    const t = new FakeTracer(this);
    this.created.push(t);
    return t;
  };

  get live(): FakeTracer[] {
    return this.created.filter((t) => t.started && !t.stopped);
  }

  emit(mntns: bigint, nrs: readonly number[]): void {
    for (const t of this.live) for (const nr of nrs) t.deliver(mntns, nr);
  }

  /** The tracer process dies; with 'lost' in the reason, as the bpftrace adapter reports lost events. */
  die(reason: string): void {
    for (const t of this.live) t.die(reason);
  }

  /** Tracers started and never stopped: what cleanup missed. */
  leftovers(): FakeTracer[] {
    return this.live;
  }
}

export class FakeTracer implements Tracer {
  started = false;
  stopped = false;
  private epoch = 0;
  private readonly lines: Array<(line: TracerLine) => void> = [];
  private readonly deaths: Array<(reason: string) => void> = [];

  constructor(private readonly hub: FakeTracers) {}

  start(): Promise<void> {
    return this.hub.script.run('start', [], () => {
      this.started = true;
    });
  }

  onLine(listener: (line: TracerLine) => void): void {
    this.lines.push(listener);
  }

  onDeath(listener: (reason: string) => void): void {
    this.deaths.push(listener);
  }

  mark(epoch: number): void {
    this.epoch = epoch;
  }

  sync(epoch: number): Promise<void> {
    this.mark(epoch);
    return this.hub.script.run('sync', [epoch], () => undefined);
  }

  stop(): Promise<void> {
    return this.hub.script.run('stop', [], () => {
      this.stopped = true;
    });
  }

  deliver(mntns: bigint, nr: number): void {
    const line: TracerLine = { kind: 'syscall', mntns, born: 0n, abi: 'x86_64', nr, epoch: this.epoch, tsNs: this.hub.clock.nowNs(), pid: 1 };
    for (const l of this.lines) l(line);
  }

  die(reason: string): void {
    for (const d of this.deaths) d(reason);
  }
}
