import { describe, expect, it } from 'vitest';
import { SharedTracer } from '../../../src/engine/tracer/shared-tracer.js';
import type { TracerLine } from '../../../src/engine/tracer/parse-line.js';
import type { Tracer } from '../../../src/engine/tracer/tracer.js';

/** The kernel side, faked: one global epoch, set by marks, stamped on every syscall line. */
class FakeBase implements Tracer {
  starts = 0;
  stops = 0;
  epoch = 0;
  private lines: Array<(l: TracerLine) => void> = [];
  private deaths: Array<(r: string) => void> = [];
  async start() {
    this.starts++;
  }
  onLine(l: (line: TracerLine) => void) {
    this.lines.push(l);
  }
  onDeath(d: (r: string) => void) {
    this.deaths.push(d);
  }
  mark(epoch: number) {
    this.epoch = epoch;
    this.emit({ kind: 'mark', epoch, tsNs: 0n });
  }
  async sync(epoch: number) {
    this.mark(epoch);
  }
  async stop() {
    this.stops++;
  }
  syscall(mntns: bigint, nr: number) {
    this.emit({ kind: 'syscall', mntns, born: 0n, abi: 'x86_64', nr, epoch: this.epoch, tsNs: 0n, pid: 1 });
  }
  die(reason: string) {
    for (const d of this.deaths) d(reason);
  }
  private emit(line: TracerLine) {
    for (const l of this.lines) l(line);
  }
}

function collect(t: Tracer): TracerLine[] {
  const out: TracerLine[] = [];
  t.onLine((l) => out.push(l));
  return out;
}

describe('one tracer process for several containers', () => {
  it('starts the process once, and each view keeps its own epochs while others mark in between', async () => {
    const base = new FakeBase();
    const shared = new SharedTracer(base);
    const a = shared.view();
    const b = shared.view();
    const linesA = collect(a);
    const linesB = collect(b);
    await Promise.all([a.start(), b.start()]);
    expect(base.starts).toBe(1);

    a.mark(0);
    base.syscall(1n, 10); // A's start-up
    b.mark(0);
    base.syscall(1n, 11); // A, still in its epoch 0, after B marked
    base.syscall(2n, 20); // B's start-up
    a.mark(1);
    base.syscall(1n, 12);
    b.mark(1);
    b.mark(2);
    base.syscall(1n, 13); // A is still in its epoch 1
    base.syscall(2n, 21);
    await a.sync(2);

    const epochs = (lines: TracerLine[], ns: bigint) => lines.flatMap((l) => (l.kind === 'syscall' && l.mntns === ns ? [[l.nr, l.epoch]] : []));
    expect(epochs(linesA, 1n)).toEqual([
      [10, 0],
      [11, 0],
      [12, 1],
      [13, 1],
    ]);
    expect(epochs(linesB, 2n)).toEqual([
      [20, 0],
      [21, 2],
    ]);
    // Each view sees its own markers only, in its own numbers.
    expect(linesA.flatMap((l) => (l.kind === 'mark' ? [l.epoch] : []))).toEqual([0, 1, 2]);
    expect(linesB.flatMap((l) => (l.kind === 'mark' ? [l.epoch] : []))).toEqual([0, 1, 2]);
  });

  it('a stopped view gets nothing more; the process stops only at close', async () => {
    const base = new FakeBase();
    const shared = new SharedTracer(base);
    const a = shared.view();
    const lines = collect(a);
    await a.start();
    a.mark(0);
    await a.stop();
    base.syscall(1n, 1);
    expect(lines.filter((l) => l.kind === 'syscall')).toEqual([]);
    expect(base.stops).toBe(0);
    const again = shared.view();
    await again.start();
    expect(base.starts).toBe(1);
    await shared.close();
    expect(base.stops).toBe(1);
  });

  it('the death of the process reaches every view, and no view starts after it', async () => {
    const base = new FakeBase();
    const shared = new SharedTracer(base);
    const a = shared.view();
    const reasons: string[] = [];
    a.onDeath((r) => reasons.push(r));
    await a.start();
    base.die('bpftrace exited (SIGKILL)');
    expect(reasons).toEqual(['bpftrace exited (SIGKILL)']);
    await expect(shared.view().start()).rejects.toThrow('tracer died earlier: bpftrace exited (SIGKILL)');
  });
});
