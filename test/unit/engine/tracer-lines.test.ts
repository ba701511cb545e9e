import { describe, expect, it } from 'vitest';
import { ContainerTrace } from '../../../src/engine/tracer/container-trace.js';
import { parseTracerLine } from '../../../src/engine/tracer/parse-line.js';

const NS = 4026532180n;

describe('parseTracerLine', () => {
  it('reads every line kind the program prints', () => {
    expect(parseTracerLine('R')).toEqual({ kind: 'ready' });
    expect(parseTracerLine('M 7 123')).toEqual({ kind: 'mark', epoch: 7, tsNs: 123n });
    expect(parseTracerLine(`N ${NS} 99`)).toEqual({ kind: 'birth', mntns: NS, tsNs: 99n });
    expect(parseTracerLine(`S ${NS} 99 1 20 3 18446744073709551615 42`)).toEqual({
      kind: 'syscall', mntns: NS, born: 99n, abi: 'i386', nr: 20, epoch: 3, tsNs: 18446744073709551615n, pid: 42,
    });
    expect(parseTracerLine(`C ${NS} 0 18874385`)).toEqual({ kind: 'clone', mntns: NS, born: 0n, flags: 18874385n });
    expect(parseTracerLine(`K ${NS} 0 2 1`)).toEqual({ kind: 'socket', mntns: NS, born: 0n, family: 2, type: 1 });
  });

  it('leaves bpftrace chatter and malformed lines as other', () => {
    for (const text of ['Attaching 6 probes...', 'S 1 2 3', 'S 1 0 9 1 2 3 4', 'M x 1', '', '@last[1]: 2']) {
      expect(parseTracerLine(text).kind).toBe('other');
    }
  });
});

describe('ContainerTrace', () => {
  const sys = (nr: number, epoch: number, ts: bigint, opts: { ns?: bigint; born?: bigint } = {}) =>
    parseTracerLine(`S ${opts.ns ?? NS} ${opts.born ?? 0n} 0 ${nr} ${epoch} ${ts} 1`);

  it('holds lines until the namespace is known, then keeps only that namespace', () => {
    const trace = new ContainerTrace();
    trace.push(sys(0, 0, 10n));
    trace.push(sys(1, 0, 11n, { ns: NS + 1n }));
    expect(trace.size).toBe(0);
    trace.select(NS);
    expect(trace.firstUses().map((u) => u.nr)).toEqual([0]);
  });

  it('drops lines of an earlier life of a reused namespace inode', () => {
    const trace = new ContainerTrace();
    trace.push(sys(59, 0, 5n, { born: 0n })); // someone else held the inode before
    trace.push(parseTracerLine(`N ${NS} 100`));
    trace.push(sys(0, 0, 150n, { born: 100n }));
    trace.select(NS);
    trace.push(sys(1, 1, 200n, { born: 100n }));
    trace.push(sys(2, 9, 900n, { born: 800n })); // a later life, after the container
    expect(trace.firstUses().map((u) => u.nr)).toEqual([0, 1]);
  });

  it('follows a restart into a new namespace life, even on the same inode reborn', () => {
    const trace = new ContainerTrace();
    trace.push(parseTracerLine(`N ${NS} 100`));
    trace.select(NS);
    trace.push(sys(0, 1, 150n, { born: 100n }));
    trace.holdUntilSelect();
    trace.push(sys(1, 2, 200n, { born: 100n })); // the old life's stop path
    trace.push(parseTracerLine(`N ${NS} 300`)); // restarted: the inode is reborn
    trace.push(sys(2, 2, 350n, { born: 300n }));
    trace.push(sys(3, 2, 360n, { ns: NS + 7n, born: 0n })); // someone else meanwhile
    trace.select(NS);
    trace.push(sys(4, 3, 400n, { born: 300n }));
    trace.push(parseTracerLine(`N ${NS} 900`)); // after the container is gone for good
    trace.push(sys(5, 9, 950n, { born: 900n }));
    expect(trace.firstUses().map((u) => u.nr)).toEqual([0, 1, 2, 4]);
  });

  it('keeps the earliest use when buffers deliver out of order, and reports each find once', () => {
    const found: number[] = [];
    const trace = new ContainerTrace((u) => found.push(u.nr));
    trace.select(NS);
    trace.push(sys(3, 2, 300n));
    trace.push(sys(3, 1, 100n));
    expect(found).toEqual([3]);
    expect(trace.firstUses()[0]).toMatchObject({ nr: 3, epoch: 1, tsNs: 100n });
    expect([...trace.epochSet(2)]).toEqual(['x86_64:3']);
    expect([...trace.epochSet(1)]).toEqual(['x86_64:3']);
  });

  it('collects clone flags and socket kinds of the container only', () => {
    const trace = new ContainerTrace();
    trace.select(NS);
    trace.push(parseTracerLine(`C ${NS} 0 17`));
    trace.push(parseTracerLine(`C ${NS + 1n} 0 99`));
    trace.push(parseTracerLine(`K ${NS} 0 10 1`));
    trace.push(parseTracerLine(`K ${NS} 0 2 2`));
    expect(trace.cloneFlags()).toEqual([17n]);
    expect(trace.socketKinds()).toEqual([{ family: 2, type: 2 }, { family: 10, type: 1 }]);
  });
});
