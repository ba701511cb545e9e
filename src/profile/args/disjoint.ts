import type { SeccompArg } from '../seccomp.js';

const U64_MAX = (1n << 64n) - 1n;

/**
 * Whether no call can satisfy both condition lists (each ANDed), decided per argument. Used to
 * keep a deny rule next to allow rules only when it cannot overlap them: which of two
 * overlapping rules of one syscall wins is up to libseccomp, so sandfuzz never writes such a
 * pair. Conservative: a pair it cannot decide counts as overlapping. Pure.
 */
export function conditionsDisjoint(a: readonly SeccompArg[], b: readonly SeccompArg[]): boolean {
  return a.some((x) => b.some((y) => x.index === y.index && disjointPair(x, y)));
}

function disjointPair(x: SeccompArg, y: SeccompArg): boolean {
  if (x.op === 'SCMP_CMP_MASKED_EQ' && y.op === 'SCMP_CMP_MASKED_EQ') {
    const [mx, vx] = masked(x);
    const [my, vy] = masked(y);
    return (mx & my & (vx ^ vy)) !== 0n;
  }
  if (x.op === 'SCMP_CMP_MASKED_EQ' || y.op === 'SCMP_CMP_MASKED_EQ') {
    const [m, v] = masked(x.op === 'SCMP_CMP_MASKED_EQ' ? x : y);
    const other = x.op === 'SCMP_CMP_MASKED_EQ' ? y : x;
    return other.op === 'SCMP_CMP_EQ' && (BigInt(other.value) & m) !== v;
  }
  if (x.op === 'SCMP_CMP_NE' || y.op === 'SCMP_CMP_NE') {
    const ne = x.op === 'SCMP_CMP_NE' ? x : y;
    const other = ne === x ? y : x;
    return other.op === 'SCMP_CMP_EQ' && BigInt(other.value) === BigInt(ne.value);
  }
  const [lx, hx] = interval(x);
  const [ly, hy] = interval(y);
  return hx < ly || hy < lx;
}

/** A MASKED_EQ condition as (mask, expected bits), the expected bits cut to the mask. */
function masked(a: SeccompArg): [bigint, bigint] {
  const mask = BigInt(a.value);
  return [mask, BigInt(a.valueTwo ?? 0) & mask];
}

/** The closed u64 interval an EQ/LT/LE/GT/GE condition admits (empty as lo > hi). */
function interval(a: SeccompArg): [bigint, bigint] {
  const v = BigInt(a.value);
  switch (a.op) {
    case 'SCMP_CMP_EQ':
      return [v, v];
    case 'SCMP_CMP_LT':
      return [0n, v - 1n];
    case 'SCMP_CMP_LE':
      return [0n, v];
    case 'SCMP_CMP_GT':
      return [v + 1n, U64_MAX];
    case 'SCMP_CMP_GE':
      return [v, U64_MAX];
    default:
      return [0n, U64_MAX];
  }
}
