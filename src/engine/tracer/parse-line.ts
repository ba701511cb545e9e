import { ARGUMENT_SLOTS, argumentProbe } from './argument-probes.js';
import { ABI_CODES } from './program.js';
import type { Abi } from '../../syscalls/index.js';

/** One parsed line of the tracer program's output (format documented in program.ts). */
export type TracerLine =
  | { readonly kind: 'ready' }
  | { readonly kind: 'mark'; readonly epoch: number; readonly tsNs: bigint }
  | { readonly kind: 'birth'; readonly mntns: bigint; readonly tsNs: bigint }
  | {
      readonly kind: 'syscall';
      readonly mntns: bigint;
      /**
       * Tells the namespace's current life from earlier ones of the same inode: the libbpf
       * tracer's unique namespace id, bpftrace's birth time (0 if its birth was not seen).
       */
      readonly born: bigint;
      readonly abi: Abi;
      readonly nr: number;
      readonly epoch: number;
      readonly tsNs: bigint;
      readonly pid: number;
    }
  | {
      readonly kind: 'argument';
      readonly mntns: bigint;
      readonly born: bigint;
      /** Native syscall name (argument-probes.ts). */
      readonly syscall: string;
      /** The recorded values, as many as the probe names. */
      readonly values: readonly bigint[];
      readonly epoch: number;
    }
  | {
      /** The syscall failed with an errno not seen before in that namespace life and epoch. */
      readonly kind: 'error';
      readonly mntns: bigint;
      readonly born: bigint;
      readonly abi: Abi;
      readonly nr: number;
      /** Positive errno (EAGAIN is 11). */
      readonly errno: number;
      readonly epoch: number;
    }
  | {
      /** bpftrace could not deliver `count` events: lines are missing and the trace is incomplete. */
      readonly kind: 'lost';
      readonly count: number;
    }
  | { readonly kind: 'other'; readonly text: string };

const INT = /^-?\d+$/;

// bpftrace's report of events the kernel dropped because a perf buffer was full: 0.17 prints
// `Lost <n> events` (TextOutput::lost_events, called from the perf reader's lost callback) on its
// output stream, stdout, as soon as it reads the kernel's loss record. Later versions print the same.
const LOST = /^Lost (\d+) events$/;

/** The number of events a bpftrace output line says were lost, or undefined if it says nothing of it. */
export function lostEvents(line: string): number | undefined {
  const m = LOST.exec(line.trim());
  return m ? Number(m[1]) : undefined;
}

function ints(fields: readonly string[], count: number): boolean {
  return fields.length === count && fields.every((f) => INT.test(f));
}

/** Parses one output line; anything unexpected comes back as `other` (bpftrace's own chatter). */
export function parseTracerLine(line: string): TracerLine {
  const lost = lostEvents(line);
  if (lost !== undefined) return { kind: 'lost', count: lost };
  const [tag, ...f] = line.trim().split(/\s+/);
  if (tag === 'R' && f.length === 0) return { kind: 'ready' };
  if (tag === 'M' && ints(f, 2)) return { kind: 'mark', epoch: Number(f[0]), tsNs: BigInt(f[1]!) };
  if (tag === 'N' && ints(f, 2)) return { kind: 'birth', mntns: BigInt(f[0]!), tsNs: BigInt(f[1]!) };
  if (tag === 'S' && ints(f, 7)) {
    const abi = ABI_CODES[Number(f[2]) as keyof typeof ABI_CODES];
    if (abi !== undefined) {
      return {
        kind: 'syscall',
        mntns: BigInt(f[0]!),
        born: BigInt(f[1]!),
        abi,
        nr: Number(f[3]),
        epoch: Number(f[4]),
        tsNs: BigInt(f[5]!),
        pid: Number(f[6]),
      };
    }
  }
  if (tag === 'E' && ints(f, 6)) {
    const abi = ABI_CODES[Number(f[2]) as keyof typeof ABI_CODES];
    if (abi !== undefined) {
      return { kind: 'error', mntns: BigInt(f[0]!), born: BigInt(f[1]!), abi, nr: Number(f[3]), errno: Number(f[4]), epoch: Number(f[5]) };
    }
  }
  if (tag === 'A' && ints(f, 4 + ARGUMENT_SLOTS)) {
    const probe = argumentProbe(Number(f[2]));
    if (probe !== undefined) {
      const values = f.slice(3, 3 + probe.values.length).map((v) => BigInt(v));
      return { kind: 'argument', mntns: BigInt(f[0]!), born: BigInt(f[1]!), syscall: probe.syscall, values, epoch: Number(f.at(-1)) };
    }
  }
  return { kind: 'other', text: line };
}
