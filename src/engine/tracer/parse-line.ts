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
      /** Birth time of the namespace's current life (0 if its birth was not seen). */
      readonly born: bigint;
      readonly abi: Abi;
      readonly nr: number;
      readonly epoch: number;
      readonly tsNs: bigint;
      readonly pid: number;
    }
  | { readonly kind: 'clone'; readonly mntns: bigint; readonly born: bigint; readonly flags: bigint }
  | { readonly kind: 'socket'; readonly mntns: bigint; readonly born: bigint; readonly family: number; readonly type: number }
  | { readonly kind: 'other'; readonly text: string };

const INT = /^-?\d+$/;

function ints(fields: readonly string[], count: number): boolean {
  return fields.length === count && fields.every((f) => INT.test(f));
}

/** Parses one output line; anything unexpected comes back as `other` (bpftrace's own chatter). */
export function parseTracerLine(line: string): TracerLine {
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
  if (tag === 'C' && ints(f, 3)) return { kind: 'clone', mntns: BigInt(f[0]!), born: BigInt(f[1]!), flags: BigInt(f[2]!) };
  if (tag === 'K' && ints(f, 4)) {
    return { kind: 'socket', mntns: BigInt(f[0]!), born: BigInt(f[1]!), family: Number(f[2]), type: Number(f[3]) };
  }
  return { kind: 'other', text: line };
}
