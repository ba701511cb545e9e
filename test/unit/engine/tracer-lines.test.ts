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
      kind: 'syscall',
      mntns: NS,
      born: 99n,
      abi: 'i386',
      nr: 20,
      epoch: 3,
      tsNs: 18446744073709551615n,
      pid: 42,
    });
    expect(parseTracerLine(`A ${NS} 0 3 18874385 0 0 4`)).toEqual({
      kind: 'argument',
      mntns: NS,
      born: 0n,
      syscall: 'clone',
      values: [18874385n],
      epoch: 4,
    });
    expect(parseTracerLine(`A ${NS} 0 1 2 1 6 0`)).toEqual({
      kind: 'argument',
      mntns: NS,
      born: 0n,
      syscall: 'socket',
      values: [2n, 1n, 6n],
      epoch: 0,
    });
    expect(parseTracerLine(`A ${NS} 0 6 1 2 0 7`)).toEqual({
      kind: 'argument',
      mntns: NS,
      born: 0n,
      syscall: 'setsockopt',
      values: [1n, 2n],
      epoch: 7,
    });
    expect(parseTracerLine(`E ${NS} 12 2 3 111 9`)).toEqual({ kind: 'error', mntns: NS, born: 12n, abi: 'x32', nr: 3, errno: 111, epoch: 9 });
    expect(parseTracerLine(`E ${NS} 12 7 3 111 9`).kind).toBe('other');
    // An unknown probe code or a short line is bpftrace chatter, not an argument.
    expect(parseTracerLine(`A ${NS} 0 99 1 2 3 0`).kind).toBe('other');
    expect(parseTracerLine(`A ${NS} 0 1 2 1 0`).kind).toBe('other');
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

  it('collects argument tuples of the container only, with the epochs that used them', () => {
    const trace = new ContainerTrace();
    trace.select(NS);
    trace.push(parseTracerLine(`A ${NS} 0 3 17 0 0 0`));
    trace.push(parseTracerLine(`A ${NS + 1n} 0 3 99 0 0 0`));
    trace.push(parseTracerLine(`A ${NS} 0 1 10 1 0 3`));
    trace.push(parseTracerLine(`A ${NS} 0 1 2 2 0 5`));
    trace.push(parseTracerLine(`A ${NS} 0 1 2 2 0 2`));
    expect(trace.cloneFlags()).toEqual([17n]);
    expect(trace.socketKinds()).toEqual([
      { family: 2, type: 2, protocol: 0 },
      { family: 10, type: 1, protocol: 0 },
    ]);
    expect(trace.argumentUses().find((u) => u.syscall === 'socket' && u.values[0] === 2n)?.epochs).toEqual([2, 5]);
  });

  it('names the paths of an epoch beyond syscall names: argument tuples and error returns', () => {
    const trace = new ContainerTrace();
    trace.push(parseTracerLine(`E ${NS} 0 0 42 111 4`)); // held until the namespace is known
    trace.select(NS);
    trace.push(parseTracerLine(`E ${NS} 0 0 42 111 4`));
    trace.push(parseTracerLine(`E ${NS + 1n} 0 0 42 11 4`));
    trace.push(parseTracerLine(`A ${NS} 0 1 10 1 0 4`));
    trace.push(parseTracerLine(`E ${NS} 0 0 0 11 5`));
    expect([...trace.epochPaths(4)].sort()).toEqual(['arg:socket:10:1:0', 'err:x86_64:42:111']);
    expect([...trace.epochPaths(5)]).toEqual(['err:x86_64:0:11']);
    expect(trace.epochPaths(6).size).toBe(0);
  });
});
